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
        session.execute("INSERT INTO tickets (token_hash, account_id, method, created_at, "
                        "expires_at) VALUES (?, ?, ?, ?, ?)",
                        {tokenHash, accountId, method, nowAt, expiresAt});
    });
}

std::optional<TicketStore::Redeemed> TicketStore::redeem(const std::string& tokenHash,
                                                         std::int64_t nowAt)
{
    std::optional<Redeemed> redeemed;
    m_database.write([&](SqlSession& session) {
        const std::vector<SqlRow> rows =
            session.query("UPDATE tickets SET used_at = ? "
                          "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
                          "RETURNING account_id, method",
                          {nowAt, tokenHash, nowAt});
        redeemed.reset();
        if (!rows.empty())
            redeemed = Redeemed{rows.front().integer(0), rows.front().text(1)};
    });
    return redeemed;
}

void TicketStore::purge(std::int64_t expiredBefore)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM tickets WHERE expires_at < ?", bind(i64(expiredBefore)), now;
    });
}

} // namespace dcc::server
