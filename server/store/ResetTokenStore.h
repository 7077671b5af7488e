#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class Database;

/// Password-reset tokens (stored hashed), and the reset itself: one transaction that
/// changes the password and ends everything the old password opened.
class ResetTokenStore
{
public:
    explicit ResetTokenStore(Database& database)
        : m_database(database)
    {}

    void create(const std::string& tokenHash, std::int64_t accountId, std::int64_t nowAt,
                std::int64_t expiresAt);
    /// The account of an unused, unexpired token (nothing is consumed).
    std::optional<std::int64_t> accountOf(const std::string& tokenHash, std::int64_t nowAt);

    /// Uses the token, if still unused and unexpired (true for exactly one caller), and in
    /// the same transaction: sets the new password hash, kills every other reset token of
    /// the account, revokes its sessions and ends its pending login flows. Returns the
    /// account, or nullopt when the token was not usable (nothing changed).
    std::optional<std::int64_t> completeReset(const std::string& tokenHash,
                                              const std::string& passwordHash, std::int64_t nowAt);
    void purge(std::int64_t expiredBefore);

private:
    Database& m_database;
};

} // namespace dcc::server
