#pragma once

#include "server/store/StoreError.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <functional>
#include <memory>
#include <string>

namespace dcc::server {

/// Store code never names a variable `now`: with Poco::Data::Keywords in scope it would
/// silently take the place of the `now` manipulator and the statement would never run.
///
/// The server's only door to its database: a pool of sessions, the connection settings
/// every session needs, transactions, and the translation of driver exceptions into
/// StoreUnavailable / StoreConflict. Every piece of login state (flows, codes, throttles,
/// tickets, sessions, audit) lives here and never only in one process's memory, so that
/// several server instances can share one database.
class Database
{
public:
    struct Options
    {
        std::size_t maxSessions = 32;
        int busyTimeoutMs = 5000;
    };

    /// Opens (creating if needed) the SQLite file in WAL mode and applies the migrations.
    explicit Database(const std::string& sqlitePath, Options options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs `work` outside a transaction (single statements are atomic on their own).
    void read(const std::function<void(Poco::Data::Session&)>& work);
    /// Runs `work` in a write transaction, committed when it returns and rolled back when
    /// it throws. SQLite takes the write lock at BEGIN (IMMEDIATE), so that two writers
    /// queue on the busy timeout instead of failing on a lock upgrade.
    void write(const std::function<void(Poco::Data::Session&)>& work);

    [[nodiscard]] int schemaVersion();
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }

private:
    Poco::Data::Session acquire();
    void migrate();

    std::string m_path;
    Options m_options;
    std::unique_ptr<Poco::Data::SessionPool> m_pool;
};

} // namespace dcc::server
