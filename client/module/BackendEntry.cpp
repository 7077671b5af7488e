// The backend module's only exported function (LoginBackend::kEntryPoint): the executable
// finds it with QLibrary::resolve() once its window is shown.
#include "client/api/ServerApi.h"
#include "client/backend/LoginBackend.h"
#include "client/module/StandardBackend.h"

#include <QtGlobal>

#include <type_traits>

extern "C" Q_DECL_EXPORT dcc::client::LoginBackend*
dcc_login_backend_create(int interfaceVersion, const dcc::client::ClientSettings& settings)
{
    // A module of another version of the application (a partial upgrade): the caller says
    // the installation is incomplete rather than calling through a vtable it does not know.
    if (interfaceVersion != dcc::client::LoginBackend::kInterfaceVersion)
        return nullptr;
    // Before the first request, for the login as for `--diagnose`: every
    // QNetworkAccessManager then uses the system's proxy settings.
    dcc::client::ServerApi::useSystemProxy();
    return new dcc::client::StandardBackend(settings);
}

// The type the executable casts the resolved symbol to.
static_assert(
    std::is_same_v<decltype(&dcc_login_backend_create), dcc::client::LoginBackend::EntryPoint>);
