#include "server/auth/PasswordAuthenticator.h"

#include "common/Identifier.h"
#include "common/ProtocolError.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/Clock.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordHasher.h"
#include "server/store/AccountStore.h"

namespace dcc::server {

namespace {

ProtocolError invalidCredentials()
{
    return ProtocolError(ErrorCode::InvalidCredentials, "identifier or password is wrong");
}

} // namespace

Account PasswordAuthenticator::authenticate(std::string_view identifier, std::string_view password,
                                            const RequestOrigin& origin, const std::string& step)
{
    const std::int64_t now = m_clock.now();
    const auto parsed = Identifier::parse(identifier);
    // Throttle key: the normalised text as typed, bounded, valid identifier or not.
    const std::string key =
        parsed ? parsed.value().value()
               : Identifier::normalise(identifier).substr(0, Identifier::kMaxLength);

    const LoginThrottle::Verdict verdict = m_throttle.check(key, origin.clientAddress, now);
    if (verdict.retryAfter) {
        m_audit.record(step, "rate_limited", std::nullopt, key, origin);
        throw ProtocolError(ErrorCode::RateLimited,
                            "too many failed logins, wait before trying again")
            .with("retry_after", *verdict.retryAfter);
    }

    std::optional<Account> account;
    if (parsed)
        account = m_accounts.findByIdentifier(parsed.value().value());
    const bool hasPassword = account && account->passwordHash;
    // Always one Argon2id verification, against a decoy when there is nothing to check.
    const bool passwordMatches =
        m_hasher.verify(password, hasPassword ? *account->passwordHash : m_hasher.decoyHash()) &&
        hasPassword;

    if (!passwordMatches) {
        const bool lockedNow = m_throttle.recordFailure(key, origin.clientAddress, now);
        const std::optional<std::int64_t> accountId =
            account ? std::optional<std::int64_t>(account->id) : std::nullopt;
        m_audit.record(step, account ? "wrong_password" : "unknown_identifier", accountId, key,
                       origin);
        if (lockedNow)
            m_audit.record("account.locked", "ok", accountId, key, origin);
        throw invalidCredentials();
    }
    if (verdict.locked || account->disabled) {
        m_audit.record(step, verdict.locked ? "locked" : "disabled", account->id, key, origin);
        throw invalidCredentials();
    }

    m_throttle.recordSuccess(key);
    if (m_hasher.needsRehash(*account->passwordHash)) {
        const std::string rehashed = m_hasher.hash(password);
        if (m_accounts.replacePasswordHash(account->id, *account->passwordHash, rehashed, now)) {
            account->passwordHash = rehashed;
            m_audit.record("password.rehash", "ok", account->id, key, origin);
        }
    }
    return *account;
}

} // namespace dcc::server
