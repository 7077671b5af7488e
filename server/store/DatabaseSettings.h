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
    /// Also how long a request waits for a free connection when all are in use.
    int busyTimeoutMs = 5000;
    /// SQLite: fsync at every commit (FULL) instead of at checkpoints (NORMAL). In WAL mode
    /// NORMAL never corrupts and loses nothing when the server process dies; only a power
    /// cut or an OS crash can lose the last commits (sessions and tickets of the last
    /// moments). FULL makes every commit survive those too, at several fsyncs per login.
    bool sqliteFullSync = false;
};

} // namespace dcc::server
