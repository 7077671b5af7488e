#include "server/store/AccountStore.h"

#include "server/store/Database.h"

#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

using Poco::Data::Statement;

namespace dcc::server {

namespace {

constexpr auto kColumns = "SELECT id, identifier, email, display_name, national_id, "
                          "password_hash, disabled, created_at, updated_at FROM accounts ";

Account accountFrom(const SqlRow& row)
{
    Account a;
    a.id = row.integer(0);
    a.identifier = row.text(1);
    a.email = row.text(2);
    a.displayName = row.text(3);
    a.nationalId = row.optionalText(4);
    a.passwordHash = row.optionalText(5);
    a.disabled = row.integer(6) != 0;
    a.createdAt = row.integer(7);
    a.updatedAt = row.integer(8);
    return a;
}

std::vector<Account> readAccounts(SqlSession& session, const std::string& sql,
                                  std::initializer_list<SqlParam> params)
{
    std::vector<Account> accounts;
    for (const SqlRow& row : session.query(sql, params))
        accounts.push_back(accountFrom(row));
    return accounts;
}

Poco::Nullable<std::string> nullable(const std::optional<std::string>& value)
{
    return value ? Poco::Nullable<std::string>(*value) : Poco::Nullable<std::string>();
}

std::int64_t insert(SqlSession& session, const NewAccount& account, std::int64_t nowAt)
{
    Poco::Int64 id = 0;
    session << "INSERT INTO accounts (identifier, email, display_name, national_id, "
               "password_hash, disabled, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
        bind(account.identifier), bind(account.email), bind(account.displayName),
        bind(nullable(account.nationalId)), bind(nullable(account.passwordHash)),
        bind(static_cast<Poco::Int64>(nowAt)), bind(static_cast<Poco::Int64>(nowAt)), into(id), now;
    return id;
}

// UPDATE accounts SET <assignment>, updated_at = ? WHERE id = ?: true when a row changed.
template <typename Value>
bool updateOne(Database& database, const std::string& assignment, const Value& value,
               std::int64_t id, std::int64_t nowAt)
{
    std::size_t changed = 0;
    database.write([&](SqlSession& session) {
        Statement statement =
            (session << "UPDATE accounts SET " + assignment + " = ?, updated_at = ? WHERE id = ?",
             bind(value), bind(static_cast<Poco::Int64>(nowAt)),
             bind(static_cast<Poco::Int64>(id)));
        changed = statement.execute();
    });
    return changed == 1;
}

} // namespace

std::int64_t AccountStore::create(const NewAccount& account, std::int64_t nowAt)
{
    std::int64_t id = 0;
    m_database.write([&](SqlSession& session) { id = insert(session, account, nowAt); });
    return id;
}

void AccountStore::createAll(const std::vector<NewAccount>& accounts, std::int64_t nowAt)
{
    m_database.write([&](SqlSession& session) {
        for (const NewAccount& account : accounts)
            insert(session, account, nowAt);
    });
}

std::optional<Account> AccountStore::findByIdentifier(const std::string& identifier)
{
    std::vector<Account> found;
    m_database.read([&](SqlSession& session) {
        found = readAccounts(session, std::string(kColumns) + "WHERE identifier = ?", {identifier});
    });
    return found.empty() ? std::nullopt : std::optional<Account>(std::move(found.front()));
}

std::optional<Account> AccountStore::findById(std::int64_t id)
{
    std::vector<Account> found;
    m_database.read([&](SqlSession& session) {
        found = readAccounts(session, std::string(kColumns) + "WHERE id = ?", {id});
    });
    return found.empty() ? std::nullopt : std::optional<Account>(std::move(found.front()));
}

std::vector<Account> AccountStore::list()
{
    std::vector<Account> accounts;
    m_database.read([&](SqlSession& session) {
        accounts = readAccounts(session, std::string(kColumns) + "ORDER BY identifier", {});
    });
    return accounts;
}

bool AccountStore::setDisabled(std::int64_t id, bool disabled, std::int64_t nowAt)
{
    return updateOne(m_database, "disabled", disabled ? 1 : 0, id, nowAt);
}

bool AccountStore::setPasswordHash(std::int64_t id, const std::string& hash, std::int64_t nowAt)
{
    return updateOne(m_database, "password_hash", hash, id, nowAt);
}

bool AccountStore::replacePasswordHash(std::int64_t id, const std::string& expectedOld,
                                       const std::string& hash, std::int64_t nowAt)
{
    std::size_t changed = 0;
    m_database.write([&](SqlSession& session) {
        Statement statement = (session << "UPDATE accounts SET password_hash = ?, updated_at = ? "
                                          "WHERE id = ? AND password_hash = ?",
                               bind(hash), bind(static_cast<Poco::Int64>(nowAt)),
                               bind(static_cast<Poco::Int64>(id)), bind(expectedOld));
        changed = statement.execute();
    });
    return changed == 1;
}

bool AccountStore::setEmail(std::int64_t id, const std::string& email, std::int64_t nowAt)
{
    return updateOne(m_database, "email", email, id, nowAt);
}

bool AccountStore::setNationalId(std::int64_t id, const std::optional<std::string>& nationalId,
                                 std::int64_t nowAt)
{
    return updateOne(m_database, "national_id", nullable(nationalId), id, nowAt);
}

} // namespace dcc::server
