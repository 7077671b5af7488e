#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace dcc::server {

/// The statements one SQLite connection has compiled, kept for the connection's life.
/// Poco::Data compiles a statement at every execution, which cost more than running it
/// (docs/BENCHMARKS.md, "Third round"); the stores' SQL is a small fixed set of strings, so
/// each is compiled once per connection instead. Used by the one thread that holds the
/// connection; destroyed (statements finalized) before the connection is closed.
class SqliteStatementCache
{
public:
    explicit SqliteStatementCache(sqlite3* connection)
        : m_connection(connection)
    {}
    ~SqliteStatementCache();
    SqliteStatementCache(const SqliteStatementCache&) = delete;
    SqliteStatementCache& operator=(const SqliteStatementCache&) = delete;

    /// The compiled statement for `sql`, reset and without bindings; compiled on first use.
    /// Throws StoreUnavailable when SQLite refuses the SQL.
    sqlite3_stmt* statement(std::string_view sql);

    [[nodiscard]] sqlite3* connection() const noexcept { return m_connection; }
    [[nodiscard]] std::size_t size() const noexcept { return m_statements.size(); }

    /// More distinct statements than the stores have means SQL built from data: the cache
    /// starts again rather than grow without bound.
    static constexpr std::size_t kCapacity = 256;

private:
    struct TextHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept
        {
            return std::hash<std::string_view>{}(text);
        }
    };

    void clear() noexcept;

    sqlite3* m_connection;
    std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> m_statements;
};

} // namespace dcc::server
