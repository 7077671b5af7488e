#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

/// One audit row. Never a password, code, PIN, token or key: `detail` carries facts such
/// as a certificate's subject or a changed field's name, never a secret.
struct AuditEvent
{
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string event;   ///< "otp.start", "otp.verify", "session.open", "admin.user_add", …
    std::string outcome; ///< "ok" or the error code ("invalid_credentials", …)
    std::optional<std::int64_t> accountId;
    std::string identifier;
    std::string clientAddress;
    std::string userAgent;
    std::string detail;
};

} // namespace dcc::server
