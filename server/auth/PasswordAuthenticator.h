#pragma once

#include "server/auth/RequestOrigin.h"
#include "server/store/Account.h"

#include <string>
#include <string_view>

namespace dcc::server {

class AccountStore;
class AuditTrail;
class Clock;
class LoginThrottle;
class PasswordHasher;

/// The first step of every login: identifier and password. Unknown identifiers, wrong
/// passwords, disabled and locked accounts all end in the same invalid_credentials after
/// the same Argon2id work; throttled keys get rate_limited with retry_after.
class PasswordAuthenticator
{
public:
    PasswordAuthenticator(AccountStore& accounts, const PasswordHasher& hasher,
                          LoginThrottle& throttle, AuditTrail& audit, const Clock& clock)
        : m_accounts(accounts)
        , m_hasher(hasher)
        , m_throttle(throttle)
        , m_audit(audit)
        , m_clock(clock)
    {}

    /// The account, or a thrown dcc::ProtocolError. `step` names the audit event
    /// ("otp.start", "cps.challenge").
    Account authenticate(std::string_view identifier, std::string_view password,
                         const RequestOrigin& origin, const std::string& step);

private:
    AccountStore& m_accounts;
    const PasswordHasher& m_hasher;
    LoginThrottle& m_throttle;
    AuditTrail& m_audit;
    const Clock& m_clock;
};

} // namespace dcc::server
