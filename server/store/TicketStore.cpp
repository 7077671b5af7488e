#include "server/store/TicketStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

#include <vector>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;

namespace dcc::server {

void TicketStore::create(const std::string& tokenHash, std::int64_t accountId,
                         const std::string& method, std::int64_t nowAt, std::int64_t expiresAt)
{
    m_database.write([&](SqlSession& session) {
        session << "INSERT INTO tickets (token_hash, account_id, method, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?)",
            bind(tokenHash), bind(i64(accountId)), bind(method), bind(i64(nowAt)),
            bind(i64(expiresAt)), now;
    });
}

std::optional<TicketStore::Redeemed> TicketStore::redeem(const std::string& tokenHash,
                                                         std::int64_t nowAt)
{
    std::vector<Poco::Int64> accounts;
    std::vector<std::string> methods;
    m_database.write([&](SqlSession& session) {
        session << "UPDATE tickets SET used_at = ? "
                   "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
                   "RETURNING account_id, method",
            bind(i64(nowAt)), bind(tokenHash), bind(i64(nowAt)), into(accounts), into(methods), now;
    });
    if (accounts.empty())
        return std::nullopt;
    return Redeemed{accounts.front(), methods.front()};
}

void TicketStore::purge(std::int64_t expiredBefore)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM tickets WHERE expires_at < ?", bind(i64(expiredBefore)), now;
    });
}

} // namespace dcc::server
