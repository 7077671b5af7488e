#pragma once

#include "server/auth/AuthSettings.h"
#include "server/auth/CpsSettings.h"
#include "server/auth/LoginCompleted.h"
#include "server/auth/RequestOrigin.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace dcc::server {

class AccountStore;
class AuditTrail;
class CertificateValidator;
class Clock;
class FlowStore;
class LaunchTickets;
class PasswordAuthenticator;

/// The guide's section 4 on the server: password, then a challenge signed by the CPS
/// card's authentication key (DESIGN.md, "CPS challenge signature"). No HTTP here: each
/// step returns its result or throws a dcc::ProtocolError.
class CpsLogin
{
public:
    struct Dependencies
    {
        AccountStore& accounts;
        FlowStore& flows;
        PasswordAuthenticator& passwords;
        LaunchTickets& tickets;
        const CertificateValidator& validator;
        AuditTrail& audit;
        const AuthSettings& settings;
        const CpsSettings& cps;
        const Clock& clock;
        /// The server's own public origin: the signature must be over it, never over an
        /// origin a request names.
        std::string origin;
    };

    struct Challenge
    {
        std::string flow;
        std::string nonce; ///< base64 of 32 random bytes, the text the card signs over
        int expiresIn = 0;
    };
    using Completed = LoginCompleted;

    explicit CpsLogin(Dependencies dependencies)
        : m_d(std::move(dependencies))
    {}

    Challenge challenge(std::string_view identifier, std::string_view password,
                        const RequestOrigin& origin);
    /// `certificate` and `signature` are the base64 texts of the request.
    Completed verify(const std::string& flow, const std::string& certificate,
                     const std::string& signature, const std::string& algorithm,
                     const RequestOrigin& origin);

private:
    Dependencies m_d;
};

} // namespace dcc::server
