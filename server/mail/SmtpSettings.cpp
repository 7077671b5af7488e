#include "server/mail/SmtpSettings.h"

#include "common/Utf8.h"

#include <stdexcept>

namespace dcc::server {

SmtpSettings::Security SmtpSettings::parseSecurity(std::string_view text)
{
    const std::string lower = Utf8::asciiLower(Utf8::trim(text));
    if (lower == "none")
        return Security::None;
    if (lower == "starttls")
        return Security::StartTls;
    if (lower == "tls")
        return Security::ImplicitTls;
    throw std::invalid_argument("unknown SMTP security \"" + std::string(text) +
                                "\" (expected none, starttls or tls)");
}

std::string_view SmtpSettings::securityName(Security security)
{
    switch (security) {
    case Security::None:
        return "none";
    case Security::StartTls:
        return "starttls";
    case Security::ImplicitTls:
        return "tls";
    }
    return "unknown";
}

} // namespace dcc::server
