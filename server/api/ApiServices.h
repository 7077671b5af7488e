#pragma once

#include "common/PasswordPolicy.h"
#include "server/auth/AuthSettings.h"

#include <string>
#include <vector>

namespace dcc::server {

class Clock;
class CpsLogin;
class DccAssertion;
class LaunchTickets;
class Metrics;
class OtpLogin;
class PasswordReset;
class SessionManager;
class SessionStore;

/// What the endpoints work with, built once by the application and shared by all
/// request threads (each service is thread-safe).
struct ApiServices
{
    OtpLogin& otpLogin;
    CpsLogin* cpsLogin; ///< null when card login is not configured (no cps.trustStore)
    PasswordReset& passwordReset;
    const DccAssertion* dccAssertion; ///< null when no external DCC is configured
    SessionManager& sessions;
    SessionStore& sessionStore;
    LaunchTickets& tickets;
    Metrics& metrics;
    const Clock& clock;
    const AuthSettings& settings;
    PasswordPolicy passwordPolicy;
    std::string publicOrigin; ///< https://host[:port], never taken from a request
    std::string version;
    std::vector<std::string> methods; ///< enabled login methods ("otp", later "cps")
    bool secure = false;              ///< served over TLS (cookie attributes)
    /// /api/v1/info's fields but the time, serialized once (InfoEndpoint::fixedFields).
    std::string infoFields;
};

} // namespace dcc::server
