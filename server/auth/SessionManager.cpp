#include "server/auth/SessionManager.h"

#include "common/Protocol.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/Clock.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/SecretToken.h"
#include "server/store/AccountStore.h"
#include "server/store/Database.h"
#include "server/store/SessionStore.h"

#include <algorithm>

namespace dcc::server {

std::optional<SessionManager::Opened>
SessionManager::open(std::int64_t accountId, const std::string& method, const RequestOrigin& origin)
{
    const std::optional<Account> account = m_accounts.findById(accountId);
    if (!account || account->disabled)
        return std::nullopt;
    const std::int64_t now = m_clock.now();
    Opened opened;
    opened.token = SecretToken::generate(protocol::kSessionBytes);
    SessionRecord& record = opened.session.record;
    record.tokenHash = SecretToken::hash(opened.token);
    record.accountId = accountId;
    record.method = method;
    record.createdAt = now;
    record.lastSeenAt = now;
    record.expiresAt = now + m_settings.sessionAbsoluteTimeout;
    record.clientAddress = origin.clientAddress;
    record.userAgent = origin.userAgent.substr(0, 256);
    m_sessions.create(record);
    opened.session.account = *account;
    m_audit.record("session.open", "ok", accountId, account->identifier, origin,
                   "method=" + method);
    return opened;
}

std::optional<SessionManager::Opened> SessionManager::openWithTicket(LaunchTickets& tickets,
                                                                     const std::string& ticket,
                                                                     const RequestOrigin& origin)
{
    std::optional<Opened> opened;
    m_database.write([&](SqlSession&) {
        opened.reset(); // run again when PostgreSQL retries the transaction
        const std::optional<TicketStore::Redeemed> redeemed = tickets.redeem(ticket);
        if (redeemed)
            opened = open(redeemed->accountId, redeemed->method, origin);
    });
    return opened;
}

std::int64_t SessionManager::touchGranularity() const
{
    // A minute's precision on the last use is plenty for a 30-minute idle end, and spares
    // a write on nearly every session check.
    return std::min<std::int64_t>(60, m_settings.sessionIdleTimeout / 10);
}

std::optional<SessionCache::Entry> SessionManager::cachedLive(const std::string& tokenHash,
                                                              std::int64_t now) const
{
    std::optional<SessionCache::Entry> cached = m_cache.find(tokenHash);
    if (!cached)
        return std::nullopt;
    // The time rules hold on every use; once the last use recorded is a granularity old,
    // the database records this one.
    const SessionRecord& record = cached->record;
    if (record.expiresAt > now && record.lastSeenAt > now - m_settings.sessionIdleTimeout &&
        now - record.lastSeenAt < touchGranularity())
        return cached;
    return std::nullopt;
}

bool SessionManager::answersFromMemory(const std::string& token) const
{
    return SecretToken::looksValid(token, protocol::kSessionBytes) &&
           cachedLive(SecretToken::hash(token), m_clock.now()).has_value();
}

std::optional<SessionManager::Current> SessionManager::current(const std::string& token)
{
    if (!SecretToken::looksValid(token, protocol::kSessionBytes))
        return std::nullopt;
    const std::int64_t now = m_clock.now();
    const std::int64_t idleSince = now - m_settings.sessionIdleTimeout;
    const std::int64_t granularity = touchGranularity();
    const std::string tokenHash = SecretToken::hash(token);
    if (std::optional<SessionCache::Entry> cached = cachedLive(tokenHash, now))
        return Current{std::move(cached->record), std::move(cached->account)};
    const std::uint64_t generation = m_cache.generation();
    std::optional<Current> found;
    // One connection for both reads (and the rare write of the last use).
    m_database.read([&](SqlSession&) {
        found.reset();
        std::optional<SessionRecord> record =
            m_sessions.touch(tokenHash, now, idleSince, granularity);
        if (!record)
            return;
        std::optional<Account> account = m_accounts.findById(record->accountId);
        if (!account || account->disabled)
            return;
        found = Current{std::move(*record), std::move(*account)};
    });
    if (found)
        m_cache.put(tokenHash, SessionCache::Entry{found->record, found->account}, generation);
    else
        m_cache.forget(tokenHash);
    return found;
}

bool SessionManager::close(const std::string& token, const RequestOrigin& origin)
{
    const std::optional<Current> live = current(token);
    if (!live)
        return false;
    const bool closed = m_sessions.revoke(live->record.tokenHash, m_clock.now());
    m_cache.forget(live->record.tokenHash);
    if (closed)
        m_audit.record("session.close", "ok", live->account.id, live->account.identifier, origin);
    return closed;
}

} // namespace dcc::server
