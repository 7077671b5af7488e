#include "server/store/SessionStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

#include <Poco/Data/RecordSet.h>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;
using Poco::Data::RecordSet;

using Poco::Data::Statement;

namespace dcc::server {

void SessionStore::create(const SessionRecord& record)
{
    m_database.write([&](SqlSession& session) {
        session << "INSERT INTO sessions (token_hash, account_id, method, created_at, "
                   "last_seen_at, expires_at, client_address, user_agent) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            bind(record.tokenHash), bind(i64(record.accountId)), bind(record.method),
            bind(i64(record.createdAt)), bind(i64(record.lastSeenAt)), bind(i64(record.expiresAt)),
            bind(record.clientAddress), bind(record.userAgent), now;
    });
}

namespace {

constexpr auto kSessionColumns = "account_id, method, created_at, last_seen_at, expires_at, "
                                 "client_address, user_agent";

std::optional<SessionRecord> readSession(Statement& statement, const std::string& tokenHash)
{
    statement.execute();
    RecordSet rows(statement);
    if (!rows.moveFirst())
        return std::nullopt;
    SessionRecord record;
    record.tokenHash = tokenHash;
    record.accountId = rows.value(0).convert<std::int64_t>();
    record.method = rows.value(1).convert<std::string>();
    record.createdAt = rows.value(2).convert<std::int64_t>();
    record.lastSeenAt = rows.value(3).convert<std::int64_t>();
    record.expiresAt = rows.value(4).convert<std::int64_t>();
    record.clientAddress = rows.value(5).convert<std::string>();
    record.userAgent = rows.value(6).convert<std::string>();
    return record;
}

} // namespace

std::optional<SessionRecord> SessionStore::touch(const std::string& tokenHash, std::int64_t nowAt,
                                                 std::int64_t idleSince, std::int64_t granularity)
{
    std::optional<SessionRecord> found;
    m_database.read([&](SqlSession& session) {
        Statement statement =
            (session << std::string("SELECT ") + kSessionColumns +
                            " FROM sessions WHERE token_hash = ? AND revoked_at IS NULL "
                            "AND expires_at > ? AND last_seen_at > ?",
             bind(tokenHash), bind(i64(nowAt)), bind(i64(idleSince)));
        found = readSession(statement, tokenHash);
    });
    if (!found || nowAt - found->lastSeenAt < granularity)
        return found;
    // The same conditions again in the update: a revocation in between wins.
    m_database.write([&](SqlSession& session) {
        Statement statement =
            (session << std::string("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? "
                                    "AND revoked_at IS NULL AND expires_at > ? AND "
                                    "last_seen_at > ? RETURNING ") +
                            kSessionColumns,
             bind(i64(nowAt)), bind(tokenHash), bind(i64(nowAt)), bind(i64(idleSince)));
        found = readSession(statement, tokenHash);
    });
    return found;
}

bool SessionStore::revoke(const std::string& tokenHash, std::int64_t nowAt)
{
    std::size_t changed = 0;
    m_database.write([&](SqlSession& session) {
        Statement statement = (session << "UPDATE sessions SET revoked_at = ? "
                                          "WHERE token_hash = ? AND revoked_at IS NULL",
                               bind(i64(nowAt)), bind(tokenHash));
        changed = statement.execute();
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
