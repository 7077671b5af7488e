#include "server/auth/OtpLogin.h"

#include "common/EmailAddress.h"
#include "common/OtpCode.h"
#include "common/Protocol.h"
#include "common/ProtocolError.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/Clock.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/PasswordAuthenticator.h"
#include "server/auth/SecretToken.h"
#include "server/auth/ServerKey.h"
#include "server/mail/MailUnavailable.h"
#include "server/mail/Mailer.h"
#include "server/mail/OtpMail.h"
#include "server/store/AccountStore.h"
#include "server/store/FlowStore.h"

namespace dcc::server {

namespace {

constexpr auto kMethod = "otp";

ProtocolError flowExpired()
{
    return ProtocolError(ErrorCode::FlowExpired,
                         "this login is over: start again with the password");
}

std::string maskedChannel(const std::string& email)
{
    const auto parsed = EmailAddress::parse(email);
    return parsed ? parsed->masked() : std::string("***");
}

} // namespace

std::string OtpLogin::codeHash(const std::string& flowIdHash, const std::string& code) const
{
    // Bound to its flow: the same code in another flow hashes differently.
    return m_d.key.hmac(flowIdHash + ":" + code);
}

void OtpLogin::sendCode(const std::string& email, const std::string& displayName,
                        const std::string& code)
{
    m_d.mailer.send(m_d.mail.compose(email, displayName, code,
                                     std::chrono::minutes(m_d.settings.otpLifetime / 60)));
}

OtpLogin::CodeSent OtpLogin::start(std::string_view identifier, std::string_view password,
                                   const RequestOrigin& origin)
{
    const Account account = m_d.passwords.authenticate(identifier, password, origin, "otp.start");
    const std::int64_t now = m_d.clock.now();

    const std::string flowToken = SecretToken::generate(protocol::kNonceBytes);
    const std::string code = OtpCode::generate(protocol::kOtpDigits);
    LoginFlow flow;
    flow.idHash = SecretToken::hash(flowToken);
    flow.accountId = account.id;
    flow.method = kMethod;
    flow.createdAt = now;
    flow.expiresAt = now + m_d.settings.flowLifetime;
    flow.clientAddress = origin.clientAddress;
    flow.codeHash = codeHash(flow.idHash, code);
    flow.codeExpiresAt = now + m_d.settings.otpLifetime;
    flow.codeSentAt = now;

    const std::int64_t windowStart = now - m_d.settings.otpCodesWindow;
    const auto codeSendId =
        m_d.flows.createWithCode(flow, m_d.settings.otpMaxCodesPerWindow, windowStart);
    if (!codeSendId) {
        const FlowStore::CodeQuota quota = m_d.flows.codesSince(account.id, windowStart);
        m_d.audit.record("otp.start", "code_quota", account.id, account.identifier, origin);
        throw ProtocolError(ErrorCode::RateLimited, "too many codes sent recently")
            .with("retry_after", std::max<std::int64_t>(1, quota.oldestSentAt +
                                                               m_d.settings.otpCodesWindow - now));
    }
    try {
        sendCode(account.email, account.displayName, code);
    } catch (const MailUnavailable& e) {
        m_d.flows.discard(flow.idHash, *codeSendId);
        m_d.audit.record("otp.start", "mail_unavailable", account.id, account.identifier, origin,
                         e.what());
        throw ProtocolError(ErrorCode::MailUnavailable, "the code could not be sent by mail");
    }
    m_d.audit.record("otp.code_sent", "ok", account.id, account.identifier, origin);
    return {flowToken, maskedChannel(account.email), m_d.settings.otpLifetime,
            m_d.settings.otpResendDelay};
}

LoginFlow OtpLogin::pendingFlow(const std::string& flowToken, std::int64_t now)
{
    if (!SecretToken::looksValid(flowToken, protocol::kNonceBytes))
        throw flowExpired();
    std::optional<LoginFlow> flow = m_d.flows.find(SecretToken::hash(flowToken));
    if (!flow || flow->method != kMethod || flow->state != LoginFlow::State::Pending ||
        flow->expiresAt <= now || !flow->codeHash)
        throw flowExpired();
    return std::move(*flow);
}

OtpLogin::CodeSent OtpLogin::resend(const std::string& flowToken, const RequestOrigin& origin)
{
    const std::int64_t now = m_d.clock.now();
    const LoginFlow flow = pendingFlow(flowToken, now);
    const std::optional<Account> account = m_d.accounts.findById(flow.accountId);
    if (!account || account->disabled)
        throw flowExpired();

    const std::int64_t wait = flow.codeSentAt + m_d.settings.otpResendDelay - now;
    if (wait > 0) {
        throw ProtocolError(ErrorCode::RateLimited, "a new code can be asked for shortly")
            .with("retry_after", wait)
            .with("resend_in", wait);
    }
    const std::string code = OtpCode::generate(protocol::kOtpDigits);
    const std::string newHash = codeHash(flow.idHash, code);
    const std::int64_t windowStart = now - m_d.settings.otpCodesWindow;
    const auto codeSendId =
        m_d.flows.replaceCode(flow.idHash, flow.codeSentAt, newHash, now + m_d.settings.otpLifetime,
                              now, m_d.settings.otpMaxCodesPerWindow, windowStart);
    if (!codeSendId) {
        const FlowStore::CodeQuota quota = m_d.flows.codesSince(flow.accountId, windowStart);
        // Either the quota is used up, or another resend of this flow won the race.
        const std::int64_t retry =
            quota.count >= m_d.settings.otpMaxCodesPerWindow
                ? std::max<std::int64_t>(1, quota.oldestSentAt + m_d.settings.otpCodesWindow - now)
                : m_d.settings.otpResendDelay;
        m_d.audit.record("otp.resend", "rate_limited", account->id, account->identifier, origin);
        throw ProtocolError(ErrorCode::RateLimited, "too many codes sent recently")
            .with("retry_after", retry);
    }
    try {
        sendCode(account->email, account->displayName, code);
    } catch (const MailUnavailable& e) {
        m_d.flows.restoreCode(flow, newHash, *codeSendId);
        m_d.audit.record("otp.resend", "mail_unavailable", account->id, account->identifier, origin,
                         e.what());
        throw ProtocolError(ErrorCode::MailUnavailable, "the code could not be sent by mail");
    }
    m_d.audit.record("otp.code_sent", "ok", account->id, account->identifier, origin, "resend");
    return {flowToken, maskedChannel(account->email), m_d.settings.otpLifetime,
            m_d.settings.otpResendDelay};
}

OtpLogin::Completed OtpLogin::verify(const std::string& flowToken, std::string_view typedCode,
                                     const RequestOrigin& origin)
{
    const std::int64_t now = m_d.clock.now();
    const LoginFlow flow = pendingFlow(flowToken, now);
    const std::optional<Account> account = m_d.accounts.findById(flow.accountId);
    if (!account || account->disabled)
        throw flowExpired();
    if (flow.codeAttempts >= m_d.settings.otpMaxAttempts || flow.codeExpiresAt <= now)
        failVerify(flow, now, origin, account->identifier);

    const auto code = OtpCode::parse(typedCode, protocol::kOtpDigits);
    // A malformed code is a wrong code: it costs an attempt like any other guess.
    const bool matches = code && SecretToken::equal(codeHash(flow.idHash, *code), *flow.codeHash);
    if (matches &&
        m_d.flows.completeWithCode(flow.idHash, *flow.codeHash, m_d.settings.otpMaxAttempts, now)) {
        m_d.audit.record("otp.verify", "ok", account->id, account->identifier, origin);
        Completed done;
        done.accountId = account->id;
        done.ticket = m_d.tickets.issue(account->id, kMethod);
        done.displayName = account->displayName;
        done.expiresIn = m_d.settings.ticketLifetime;
        return done;
    }
    if (!matches) {
        if (const auto attempts = m_d.flows.recordWrongCode(flow.idHash, *flow.codeHash,
                                                            m_d.settings.otpMaxAttempts)) {
            const int left = m_d.settings.otpMaxAttempts - *attempts;
            m_d.audit.record("otp.verify", "invalid_code", account->id, account->identifier, origin,
                             "attempts_left=" + std::to_string(left));
            if (left > 0) {
                throw ProtocolError(ErrorCode::InvalidCode, "the code is wrong")
                    .with("attempts_left", std::int64_t{left});
            }
            throw ProtocolError(ErrorCode::TooManyAttempts,
                                "too many wrong codes: ask for a new code")
                .with("attempts_left", std::int64_t{0});
        }
    }
    // The flow changed under us (another request won): judge it as it is now.
    const std::optional<LoginFlow> now_ = m_d.flows.find(flow.idHash);
    if (!now_ || now_->state != LoginFlow::State::Pending || !now_->codeHash)
        throw flowExpired();
    failVerify(*now_, now, origin, account->identifier);
}

void OtpLogin::failVerify(const LoginFlow& flow, std::int64_t now, const RequestOrigin& origin,
                          const std::string& identifier)
{
    if (flow.codeAttempts >= m_d.settings.otpMaxAttempts) {
        m_d.audit.record("otp.verify", "too_many_attempts", flow.accountId, identifier, origin);
        throw ProtocolError(ErrorCode::TooManyAttempts, "too many wrong codes: ask for a new code")
            .with("attempts_left", std::int64_t{0});
    }
    if (flow.codeExpiresAt <= now) {
        m_d.audit.record("otp.verify", "code_expired", flow.accountId, identifier, origin);
        throw ProtocolError(ErrorCode::CodeExpired, "the code has expired: ask for a new code");
    }
    // Same code, same attempts, not expired, yet the update failed: the code was replaced.
    throw ProtocolError(ErrorCode::InvalidCode, "the code is no longer valid: use the newest one")
        .with("attempts_left", std::int64_t{m_d.settings.otpMaxAttempts - flow.codeAttempts});
}

} // namespace dcc::server
