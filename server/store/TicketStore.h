#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class Database;

/// One-time launch tickets, stored by hash.
class TicketStore
{
public:
    struct Redeemed
    {
        std::int64_t accountId = 0;
        std::string method;
    };

    explicit TicketStore(Database& database)
        : m_database(database)
    {}

    void create(const std::string& tokenHash, std::int64_t accountId, const std::string& method,
                std::int64_t now, std::int64_t expiresAt);
    /// Marks the ticket used if it is unused and unexpired: true for exactly one caller.
    std::optional<Redeemed> redeem(const std::string& tokenHash, std::int64_t now);
    void purge(std::int64_t expiredBefore);

private:
    Database& m_database;
};

} // namespace dcc::server
