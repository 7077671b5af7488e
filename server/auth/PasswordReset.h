#pragma once

#include "common/PasswordPolicy.h"
#include "server/auth/RequestOrigin.h"
#include "server/store/Account.h"

#include <optional>
#include <string>
#include <string_view>

namespace dcc::server {

class AccountStore;
class AuditTrail;
class Clock;
class LoginThrottle;
class Mailer;
class PasswordChangedMail;
class PasswordHasher;
class PasswordResetMail;
class ResetTokenStore;
class SessionManager;
class TaskQueue;
class ThrottleStore;

/// The guide's section 5: "Mot de passe oublié ?" mails a link to choose a new password.
/// Asking answers the same, in the same time, whether or not the account exists: the link
/// is made and mailed after the answer, on the task queue; using the link changes the password and
/// ends every session, login and older link of the account. No HTTP here.
class PasswordReset
{
public:
    struct Settings
    {
        int tokenLifetime = 1800;
        int requestsPerIdentifier = 3; ///< per window, whether the account exists or not
        int requestsPerAddress = 10;
        int window = 900;
    };
    struct Dependencies
    {
        AccountStore& accounts;
        ResetTokenStore& tokens;
        ThrottleStore& throttles;
        LoginThrottle& loginThrottle;
        const PasswordHasher& hasher;
        PasswordPolicy policy;
        Mailer& mailer;
        TaskQueue& tasks; ///< link and notice are made and mailed after the answer
        const PasswordResetMail& resetMail;
        const PasswordChangedMail& changedMail;
        AuditTrail& audit;
        SessionManager& sessions; ///< told when a reset revokes an account's sessions
        Settings settings;
        const Clock& clock;
        std::string publicOrigin; ///< the link's origin: never from a request's Host
    };

    explicit PasswordReset(Dependencies dependencies)
        : m_d(std::move(dependencies))
    {}

    /// Throws dcc::ProtocolError rate_limited; otherwise returns, mail or no mail.
    void request(std::string_view identifier, const RequestOrigin& origin);
    /// The account a link is for, while the link is usable.
    std::optional<Account> accountFor(const std::string& token);
    /// Throws token_expired (unknown, used or expired link) or password_policy with the
    /// list of unmet rules (the link stays usable).
    void reset(const std::string& token, std::string_view password, const RequestOrigin& origin);

    [[nodiscard]] const PasswordPolicy& policy() const noexcept { return m_d.policy; }

private:
    void sendLink(const std::string& identifier, const RequestOrigin& origin);

    Dependencies m_d;
};

} // namespace dcc::server
