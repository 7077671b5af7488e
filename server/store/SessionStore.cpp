#include "server/store/SessionStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;

using Poco::Data::Statement;

namespace dcc::server {

void SessionStore::create(const SessionRecord& record)
{
    m_database.write([&](SqlSession& session) {
        session.execute("INSERT INTO sessions (token_hash, account_id, method, created_at, "
                        "last_seen_at, expires_at, client_address, user_agent) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        {record.tokenHash, record.accountId, record.method, record.createdAt,
                         record.lastSeenAt, record.expiresAt, record.clientAddress,
                         record.userAgent});
    });
}

namespace {

std::optional<SessionRecord> sessionFrom(const std::vector<SqlRow>& rows,
                                         const std::string& tokenHash)
{
    if (rows.empty())
        return std::nullopt;
    const SqlRow& row = rows.front();
    SessionRecord record;
    record.tokenHash = tokenHash;
    record.accountId = row.integer(0);
    record.method = row.text(1);
    record.createdAt = row.integer(2);
    record.lastSeenAt = row.integer(3);
    record.expiresAt = row.integer(4);
    record.clientAddress = row.text(5);
    record.userAgent = row.text(6);
    return record;
}

} // namespace

std::optional<SessionRecord> SessionStore::touch(const std::string& tokenHash, std::int64_t nowAt,
                                                 std::int64_t idleSince, std::int64_t granularity)
{
    std::optional<SessionRecord> found;
    m_database.read([&](SqlSession& session) {
        found = sessionFrom(session.query("SELECT account_id, method, created_at, last_seen_at, "
                                          "expires_at, client_address, user_agent "
                                          "FROM sessions WHERE token_hash = ? AND revoked_at "
                                          "IS NULL AND expires_at > ? AND last_seen_at > ?",
                                          {tokenHash, nowAt, idleSince}),
                            tokenHash);
    });
    if (!found || nowAt - found->lastSeenAt < granularity)
        return found;
    // The same conditions again in the update: a revocation in between wins.
    m_database.write([&](SqlSession& session) {
        found = sessionFrom(
            session.query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? "
                          "AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ? "
                          "RETURNING account_id, method, created_at, last_seen_at, "
                          "expires_at, client_address, user_agent",
                          {nowAt, tokenHash, nowAt, idleSince}),
            tokenHash);
    });
    return found;
}

bool SessionStore::revoke(const std::string& tokenHash, std::int64_t nowAt)
{
    std::size_t changed = 0;
    m_database.write([&](SqlSession& session) {
        changed = session.execute("UPDATE sessions SET revoked_at = ? "
                                  "WHERE token_hash = ? AND revoked_at IS NULL",
                                  {nowAt, tokenHash});
    });
    return changed == 1;
}

std::size_t SessionStore::revokeAll(std::int64_t accountId, std::int64_t nowAt)
{
    std::size_t changed = 0;
    m_database.write([&](SqlSession& session) {
        Statement statement = (session << "UPDATE sessions SET revoked_at = ? "
                                          "WHERE account_id = ? AND revoked_at IS NULL",
                               bind(i64(nowAt)), bind(i64(accountId)));
        changed = statement.execute();
    });
    return changed;
}

std::size_t SessionStore::countLive(std::int64_t nowAt, std::int64_t idleSince)
{
    std::size_t count = 0;
    m_database.read([&](SqlSession& session) {
        Poco::Int64 n = 0;
        session << "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > ? "
                   "AND last_seen_at > ?",
            bind(i64(nowAt)), bind(i64(idleSince)), into(n), now;
        count = static_cast<std::size_t>(n);
    });
    return count;
}

void SessionStore::purge(std::int64_t endedBefore)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?",
            bind(i64(endedBefore)), bind(i64(endedBefore)), now;
    });
}

} // namespace dcc::server
