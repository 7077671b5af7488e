#pragma once

#include "server/store/DatabaseSettings.h"
#include "server/store/SqlParam.h"
#include "server/store/SqlRow.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace dcc::server {

class SqliteStatementCache;

/// A database connection as the stores see it. Store SQL is written once, in the subset
/// SQLite and PostgreSQL share, with `?` placeholders; this is where it is adapted to the
/// driver (PostgreSQL numbers its placeholders `$1, $2, …`).
///
/// Two ways to run SQL:
/// * query() / execute(): values in, rows out. On SQLite each statement is compiled once
///   per connection (SqliteStatementCache); use them for everything on a request's path.
/// * Poco's stream, `session << "SELECT … WHERE id = ?", bind(id), into(x), now;`, which
///   compiles at every execution: kept for administration and migrations.
class SqlSession
{
public:
    /// `cache` (SQLite only) holds this connection's compiled statements.
    SqlSession(Poco::Data::Session& session, SqlDriver driver,
               SqliteStatementCache* cache = nullptr)
        : m_session(session)
        , m_driver(driver)
        , m_cache(cache)
    {}

    Poco::Data::Statement operator<<(std::string_view sql);

    /// Runs `sql` with one value per `?` and returns every row it yields (SELECT, or a
    /// change with RETURNING). A uniqueness or reference rule broken throws StoreConflict;
    /// any other failure StoreUnavailable.
    std::vector<SqlRow> query(std::string_view sql, std::initializer_list<SqlParam> params = {});
    /// Runs a change without RETURNING; returns how many rows it changed.
    std::size_t execute(std::string_view sql, std::initializer_list<SqlParam> params = {});

    [[nodiscard]] SqlDriver driver() const noexcept { return m_driver; }

    /// `?` placeholders outside quoted literals become `$1, $2, …`.
    static std::string numberPlaceholders(std::string_view sql);

private:
    Poco::Data::Statement pocoStatement(std::string_view sql,
                                        std::initializer_list<SqlParam> params);
    SqliteStatementCache& cache();

    Poco::Data::Session& m_session;
    SqlDriver m_driver;
    SqliteStatementCache* m_cache;
};

} // namespace dcc::server
