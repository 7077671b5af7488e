#include "server/store/ResetTokenStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

#include <vector>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;

namespace dcc::server {

void ResetTokenStore::create(const std::string& tokenHash, std::int64_t accountId,
                             std::int64_t nowAt, std::int64_t expiresAt)
{
    m_database.write([&](SqlSession& session) {
        session << "INSERT INTO reset_tokens (token_hash, account_id, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?)",
            bind(tokenHash), bind(i64(accountId)), bind(i64(nowAt)), bind(i64(expiresAt)), now;
    });
}

std::optional<std::int64_t> ResetTokenStore::accountOf(const std::string& tokenHash,
                                                       std::int64_t nowAt)
{
    std::vector<Poco::Int64> accounts;
    m_database.read([&](SqlSession& session) {
        session << "SELECT account_id FROM reset_tokens WHERE token_hash = ? AND used_at IS NULL "
                   "AND expires_at > ?",
            bind(tokenHash), bind(i64(nowAt)), into(accounts), now;
    });
    if (accounts.empty())
        return std::nullopt;
    return accounts.front();
}

std::optional<std::int64_t> ResetTokenStore::completeReset(const std::string& tokenHash,
                                                           const std::string& passwordHash,
                                                           std::int64_t nowAt)
{
    std::optional<std::int64_t> account;
    m_database.write([&](SqlSession& session) {
        std::vector<Poco::Int64> accounts;
        session << "UPDATE reset_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                   "AND expires_at > ? RETURNING account_id",
            bind(i64(nowAt)), bind(tokenHash), bind(i64(nowAt)), into(accounts), now;
        if (accounts.empty())
            return;
        const Poco::Int64 id = accounts.front();
        session << "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?",
            bind(passwordHash), bind(i64(nowAt)), bind(id), now;
        session << "UPDATE reset_tokens SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
            bind(i64(nowAt)), bind(id), now;
        session << "UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
            bind(i64(nowAt)), bind(id), now;
        session << "UPDATE login_flows SET state = 'done', code_hash = NULL "
                   "WHERE account_id = ? AND state = 'pending'",
            bind(id), now;
        account = id;
    });
    return account;
}

void ResetTokenStore::purge(std::int64_t expiredBefore)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM reset_tokens WHERE expires_at < ?", bind(i64(expiredBefore)), now;
    });
}

} // namespace dcc::server
