#pragma once

#include "server/auth/AuthSettings.h"
#include "server/auth/LoginCompleted.h"
#include "server/auth/RequestOrigin.h"
#include "server/store/LoginFlow.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace dcc::server {

class AccountStore;
class AuditTrail;
class Clock;
class FlowStore;
class LaunchTickets;
class Mailer;
class OtpMail;
class PasswordAuthenticator;
class ServerKey;

/// The guide's section 3: password, then a 6-digit code mailed to the account's address.
/// No HTTP here: each step returns its result or throws a dcc::ProtocolError.
class OtpLogin
{
public:
    struct Dependencies
    {
        AccountStore& accounts;
        FlowStore& flows;
        PasswordAuthenticator& passwords;
        LaunchTickets& tickets;
        Mailer& mailer;
        const OtpMail& mail;
        const ServerKey& key;
        AuditTrail& audit;
        const AuthSettings& settings;
        const Clock& clock;
    };

    struct CodeSent
    {
        std::string flow;
        std::string maskedChannel; ///< j***.d***@hopital.fr
        int expiresIn = 0;
        int resendIn = 0;
    };
    using Completed = LoginCompleted;

    explicit OtpLogin(Dependencies dependencies)
        : m_d(std::move(dependencies))
    {}

    CodeSent start(std::string_view identifier, std::string_view password,
                   const RequestOrigin& origin);
    CodeSent resend(const std::string& flow, const RequestOrigin& origin);
    Completed verify(const std::string& flow, std::string_view typedCode,
                     const RequestOrigin& origin);

private:
    LoginFlow pendingFlow(const std::string& flowToken, std::int64_t now);
    [[nodiscard]] std::string codeHash(const std::string& flowIdHash,
                                       const std::string& code) const;
    void sendCode(const std::string& email, const std::string& displayName,
                  const std::string& code);
    [[noreturn]] void failVerify(const LoginFlow& flow, std::int64_t now,
                                 const RequestOrigin& origin, const std::string& identifier);

    Dependencies m_d;
};

} // namespace dcc::server
