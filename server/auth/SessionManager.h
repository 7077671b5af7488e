#pragma once

#include "server/auth/AuthSettings.h"
#include "server/auth/RequestOrigin.h"
#include "server/auth/SessionCache.h"
#include "server/store/Account.h"
#include "server/store/SessionRecord.h"

#include <optional>
#include <string>

namespace dcc::server {

class AccountStore;
class AuditTrail;
class Clock;
class Database;
class LaunchTickets;
class SessionStore;

/// Browser and API sessions: opened from a redeemed launch ticket, checked on each use
/// (idle and absolute timeouts), closed at logout.
class SessionManager
{
public:
    struct Current
    {
        SessionRecord record;
        Account account;
    };
    struct Opened
    {
        std::string token;
        Current session;
    };

    SessionManager(Database& database, SessionStore& sessions, AccountStore& accounts,
                   AuditTrail& audit, const AuthSettings& settings, const Clock& clock)
        : m_database(database)
        , m_sessions(sessions)
        , m_accounts(accounts)
        , m_audit(audit)
        , m_settings(settings)
        , m_clock(clock)
        , m_cache(std::chrono::milliseconds(settings.sessionCacheMilliseconds), kCacheCapacity)
    {}

    /// nullopt when the account is gone or disabled since the login.
    std::optional<Opened> open(std::int64_t accountId, const std::string& method,
                               const RequestOrigin& origin);
    /// The browser's side of the hand-off: spends the launch ticket and opens the session
    /// it carries in one transaction, so that a ticket is never spent without its session
    /// recorded (a failed write leaves the link usable) and the exchange is one commit.
    /// nullopt for an unknown, used or expired ticket, or an account disabled since.
    std::optional<Opened> openWithTicket(LaunchTickets& tickets, const std::string& ticket,
                                         const RequestOrigin& origin);
    /// The live session for this token, its idle timer restarted; nullopt otherwise.
    std::optional<Current> current(const std::string& token);
    /// Whether current(token) would answer from the cache alone, with no database read
    /// or write: the connection loop then answers the check itself.
    [[nodiscard]] bool answersFromMemory(const std::string& token) const;
    /// True when a live session was closed.
    bool close(const std::string& token, const RequestOrigin& origin);
    /// The store revoked every session of the account (password reset): none is taken
    /// from the cache any more.
    void accountSessionsRevoked(std::int64_t accountId) { m_cache.forgetAccount(accountId); }
    /// When the session ends if used no more (idle) and at the latest (absolute).
    [[nodiscard]] std::int64_t idleDeadline(const SessionRecord& record) const
    {
        return std::min(record.lastSeenAt + m_settings.sessionIdleTimeout, record.expiresAt);
    }

private:
    /// The cached session for this token hash when its time rules hold and its last use
    /// needs no new record yet.
    [[nodiscard]] std::int64_t touchGranularity() const;
    [[nodiscard]] std::optional<SessionCache::Entry> cachedLive(const std::string& tokenHash,
                                                                std::int64_t now) const;

    Database& m_database;
    SessionStore& m_sessions;
    AccountStore& m_accounts;
    AuditTrail& m_audit;
    const AuthSettings& m_settings;
    const Clock& m_clock;
    /// Sessions checked within one cache lifetime, at most: beyond, the cache starts again.
    static constexpr std::size_t kCacheCapacity = 100000;
    SessionCache m_cache;
};

} // namespace dcc::server
