#pragma once

#include <cstddef>
#include <string>

namespace dcc::server {

enum class SqlDriver
{
    SQLite,     ///< one file, one server instance: the embedded default
    PostgreSQL, ///< one database shared by several server instances
};

/// Where the server keeps its state and how it talks to it (`database.*` keys).
struct DatabaseSettings
{
    SqlDriver driver = SqlDriver::SQLite;
    /// SQLite: the database file. PostgreSQL: libpq `keyword=value` pairs separated by
    /// spaces (host, port, dbname, user, sslmode, …; values without spaces).
    std::string location;
    /// Connections kept open at most; requests beyond it wait for a free one.
    std::size_t maxSessions = 32;
    /// SQLite: how long a writer waits for the file lock. PostgreSQL: the lock timeout.
    int busyTimeoutMs = 5000;
};

} // namespace dcc::server
