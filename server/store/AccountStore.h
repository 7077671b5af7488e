#pragma once

#include "server/store/Account.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dcc::server {

class Database;

/// The accounts table. Values are expected already validated (identifier normalised,
/// e-mail parsed, national identifier well-formed): this class only stores them.
class AccountStore
{
public:
    explicit AccountStore(Database& database)
        : m_database(database)
    {}

    /// Throws StoreConflict when the identifier or national identifier is taken.
    std::int64_t create(const NewAccount& account, std::int64_t now);
    /// All or nothing: one bad row (a conflict) and none is created.
    void createAll(const std::vector<NewAccount>& accounts, std::int64_t now);

    std::optional<Account> findByIdentifier(const std::string& identifier);
    std::optional<Account> findById(std::int64_t id);
    std::vector<Account> list();

    /// Each returns false when no account has this id.
    bool setDisabled(std::int64_t id, bool disabled, std::int64_t now);
    bool setPasswordHash(std::int64_t id, const std::string& hash, std::int64_t now);
    /// Re-hash at login: replaces the hash only if it is still `expectedOld`, so that a
    /// password changed meanwhile is never overwritten by the old one.
    bool replacePasswordHash(std::int64_t id, const std::string& expectedOld,
                             const std::string& hash, std::int64_t now);
    bool setEmail(std::int64_t id, const std::string& email, std::int64_t now);
    /// Throws StoreConflict when another account carries this national identifier.
    bool setNationalId(std::int64_t id, const std::optional<std::string>& nationalId,
                       std::int64_t now);

private:
    Database& m_database;
};

} // namespace dcc::server
