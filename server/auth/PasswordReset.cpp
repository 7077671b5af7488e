#include "server/auth/PasswordReset.h"

#include "common/Identifier.h"
#include "common/Protocol.h"
#include "common/ProtocolError.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/Clock.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordHasher.h"
#include "server/auth/SecretToken.h"
#include "server/auth/SessionManager.h"
#include "server/auth/TaskQueue.h"
#include "server/mail/MailUnavailable.h"
#include "server/mail/Mailer.h"
#include "server/mail/PasswordChangedMail.h"
#include "server/mail/PasswordResetMail.h"
#include "server/store/AccountStore.h"
#include "server/store/ResetTokenStore.h"
#include "server/store/ThrottleStore.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Timestamp.h>

namespace dcc::server {

namespace {

ProtocolError tokenExpired()
{
    return ProtocolError(ErrorCode::TokenExpired,
                         "this reset link is no longer valid: ask for a new one");
}

} // namespace

void PasswordReset::request(std::string_view identifier, const RequestOrigin& origin)
{
    const std::int64_t now = m_d.clock.now();
    const auto parsed = Identifier::parse(identifier);
    const std::string key =
        parsed ? parsed.value().value()
               : Identifier::normalise(identifier).substr(0, Identifier::kMaxLength);
    const std::string identifierKey = "forgot-id:" + key;
    const std::string addressKey = "forgot-ip:" + origin.clientAddress;
    const std::int64_t blockedUntil = std::max(m_d.throttles.get(identifierKey).blockedUntil,
                                               m_d.throttles.get(addressKey).blockedUntil);
    if (blockedUntil > now) {
        m_d.audit.record("password.forgot", "rate_limited", std::nullopt, key, origin);
        throw ProtocolError(ErrorCode::RateLimited,
                            "too many reset requests, wait before asking again")
            .with("retry_after", blockedUntil - now);
    }
    // Requests are counted like failures: the limit-th one goes through, the next waits.
    const std::int64_t windowStart = now - m_d.settings.window;
    auto limit = [&](int allowed) {
        return [&, allowed](int count) {
            return ThrottleStore::Penalty{count >= allowed ? now + m_d.settings.window : 0, 0};
        };
    };
    m_d.throttles.recordFailure(identifierKey, now, windowStart,
                                limit(m_d.settings.requestsPerIdentifier));
    m_d.throttles.recordFailure(addressKey, now, windowStart,
                                limit(m_d.settings.requestsPerAddress));

    // Everything that depends on the account happens after the answer.
    m_d.tasks.post("password reset link", [this, key, origin] { sendLink(key, origin); });
}

void PasswordReset::sendLink(const std::string& identifier, const RequestOrigin& origin)
{
    const std::int64_t now = m_d.clock.now();
    const std::optional<Account> account = m_d.accounts.findByIdentifier(identifier);
    if (!account || account->disabled) {
        m_d.audit.record("password.forgot", account ? "disabled" : "unknown_identifier",
                         account ? std::optional<std::int64_t>(account->id) : std::nullopt,
                         identifier, origin);
        return;
    }
    const std::string token = SecretToken::generate(protocol::kResetTokenBytes);
    m_d.tokens.create(SecretToken::hash(token), account->id, now, now + m_d.settings.tokenLifetime);
    const std::string link =
        m_d.publicOrigin + std::string(protocol::path::kResetPage) + "?token=" + token;
    try {
        m_d.mailer.send(
            m_d.resetMail.compose(account->email, account->displayName, link,
                                  std::chrono::minutes(m_d.settings.tokenLifetime / 60)));
    } catch (const MailUnavailable& e) {
        m_d.audit.record("password.forgot", "mail_unavailable", account->id, account->identifier,
                         origin, e.what());
        return;
    }
    m_d.audit.record("password.forgot", "ok", account->id, account->identifier, origin);
}

std::optional<Account> PasswordReset::accountFor(const std::string& token)
{
    if (!SecretToken::looksValid(token, protocol::kResetTokenBytes))
        return std::nullopt;
    const auto accountId = m_d.tokens.accountOf(SecretToken::hash(token), m_d.clock.now());
    if (!accountId)
        return std::nullopt;
    std::optional<Account> account = m_d.accounts.findById(*accountId);
    if (!account || account->disabled)
        return std::nullopt;
    return account;
}

void PasswordReset::reset(const std::string& token, std::string_view password,
                          const RequestOrigin& origin)
{
    const std::optional<Account> account = accountFor(token);
    if (!account) {
        m_d.audit.record("password.reset", "token_expired", std::nullopt, "", origin);
        throw tokenExpired();
    }
    const std::vector<PasswordRule> unmet = m_d.policy.unmetRules(password, account->identifier);
    if (!unmet.empty()) {
        std::vector<std::string> rules;
        for (const PasswordRule rule : unmet)
            rules.emplace_back(PasswordPolicy::ruleCode(rule));
        m_d.audit.record("password.reset", "password_policy", account->id, account->identifier,
                         origin);
        throw ProtocolError(ErrorCode::PasswordPolicy, "the new password breaks the password rules")
            .with("rules", rules);
    }
    const std::int64_t now = m_d.clock.now();
    if (!m_d.tokens.completeReset(SecretToken::hash(token), m_d.hasher.hash(password), now)) {
        // Used meanwhile by another request, or expired while the hash was computed.
        m_d.audit.record("password.reset", "token_expired", account->id, account->identifier,
                         origin);
        throw tokenExpired();
    }
    m_d.sessions.accountSessionsRevoked(account->id);
    m_d.loginThrottle.unlock(account->identifier); // the mailbox owner proved who they are
    m_d.audit.record("password.reset", "ok", account->id, account->identifier, origin,
                     "sessions revoked, pending logins ended, older links dead");
    const Poco::LocalDateTime when(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(now)));
    const OutgoingMail notice =
        m_d.changedMail.compose(account->email, account->displayName,
                                Poco::DateTimeFormatter::format(when, "%d/%m/%Y à %H:%M"));
    m_d.tasks.post("password changed notice", [this, notice, account = *account, origin] {
        try {
            m_d.mailer.send(notice);
        } catch (const MailUnavailable& e) {
            m_d.audit.record("password.notice", "mail_unavailable", account.id, account.identifier,
                             origin, e.what());
        }
    });
}

} // namespace dcc::server
