#include "server/store/SqliteStatementCache.h"

#include "server/store/StoreError.h"

#include <sqlite3.h>

namespace dcc::server {

SqliteStatementCache::~SqliteStatementCache()
{
    clear();
}

void SqliteStatementCache::clear() noexcept
{
    for (auto& [sql, statement] : m_statements)
        sqlite3_finalize(statement);
    m_statements.clear();
}

sqlite3_stmt* SqliteStatementCache::statement(std::string_view sql)
{
    if (const auto found = m_statements.find(sql); found != m_statements.end())
        return found->second;
    if (m_statements.size() >= kCapacity)
        clear();
    sqlite3_stmt* compiled = nullptr;
    // PERSISTENT: SQLite allocates it for a long life instead of from its lookaside slots.
    const int status = sqlite3_prepare_v3(m_connection, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &compiled, nullptr);
    if (status != SQLITE_OK || compiled == nullptr) {
        sqlite3_finalize(compiled);
        throw StoreUnavailable("cannot compile SQL (" + std::string(sqlite3_errmsg(m_connection)) +
                               "): " + std::string(sql));
    }
    m_statements.emplace(std::string(sql), compiled);
    return compiled;
}

} // namespace dcc::server
