#include "client/diagnostics/StandardChecks.h"

#include "client/diagnostics/ApplicationCheck.h"
#include "client/diagnostics/BrowserCheck.h"
#include "client/diagnostics/PcscCheck.h"
#include "client/diagnostics/Pkcs11Check.h"
#include "client/diagnostics/ServerCheck.h"

namespace dcc::diagnostics {

DiagnosticsRunner::Checks StandardChecks::all()
{
    return {std::make_shared<ApplicationCheck>(), std::make_shared<PcscCheck>(),
            std::make_shared<Pkcs11Check>(), std::make_shared<ServerCheck>(),
            std::make_shared<BrowserCheck>()};
}

} // namespace dcc::diagnostics
