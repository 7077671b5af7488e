#pragma once

#include "server/store/DatabaseSettings.h"
#include "server/store/GroupCommit.h"
#include "server/store/SqlSession.h"
#include "server/store/StoreError.h"
#include "server/store/WalCheckpointer.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace dcc::server {

class SqliteStatementCache;

/// Store code never names a variable `now`: with Poco::Data::Keywords in scope it would
/// silently take the place of the `now` manipulator and the statement would never run.
///
/// The server's only door to its database: a pool of sessions, the connection settings
/// every session needs, transactions, and the translation of driver exceptions into
/// StoreUnavailable / StoreConflict. Every piece of login state (flows, codes, throttles,
/// tickets, sessions, audit) lives here and never only in one process's memory, so that
/// several server instances can share one PostgreSQL database.
///
/// Concurrency contract for the stores: every rule that counts or expires is a guard in a
/// single statement (`UPDATE … WHERE attempts < ? … RETURNING`) or runs after a row lock
/// taken with lockRow(), so that it holds whether the racing request comes from another
/// thread or from another server instance.
class Database
{
public:
    /// Opens (creating the SQLite file if needed) and applies the migrations; several
    /// instances starting at once on one PostgreSQL database migrate it once.
    explicit Database(DatabaseSettings settings);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs `work` outside a transaction (single statements are atomic on their own).
    void read(const std::function<void(SqlSession&)>& work);
    /// Runs `work` in a write transaction, committed when it returns and rolled back when
    /// it throws. SQLite takes the write lock at BEGIN (IMMEDIATE), so that two writers
    /// queue on the busy timeout instead of failing on a lock upgrade. On PostgreSQL a
    /// transaction the server aborts as a deadlock victim, or that meets a dead connection
    /// (after a database restart), is run again: `work` (of read() too) must only assign
    /// its results, never accumulate them.
    ///
    /// read() and write() called from inside `work`, on the same thread, join it: one
    /// connection, and inside a write one transaction (an inner write's statements commit
    /// or roll back with the outer work). Several store calls that must stand or fall
    /// together go in one outer write().
    ///
    /// SQLite: writes of concurrent threads are committed together (GroupCommit), each in a
    /// savepoint of its own: `work` may run on another thread than the caller's (which waits
    /// for it), and write() returns once its transaction is committed, or throws what `work`
    /// threw (its changes alone undone) or what failed the commit (nothing of it written).
    void write(const std::function<void(SqlSession&)>& work);

    /// Locks one row until the end of the caller's write transaction, so that a count made
    /// after it cannot be raced by another instance (SQLite: the write lock already is).
    static void lockRow(SqlSession& session, const std::string& table, std::int64_t id);

    [[nodiscard]] int schemaVersion();
    /// SQLite: writes waiting for their turn (their GroupCommit batch); 0 on PostgreSQL.
    [[nodiscard]] std::size_t queuedWrites() { return m_groupCommit.queued(); }
    /// SQLite: checkpoints of the write-ahead log run so far (WalCheckpointer); 0 on
    /// PostgreSQL.
    [[nodiscard]] std::uint64_t walCheckpoints() const noexcept
    {
        return m_checkpointer ? m_checkpointer->checkpoints() : 0;
    }
    [[nodiscard]] SqlDriver driver() const noexcept { return m_settings.driver; }
    /// The database named for messages and logs: the SQLite file, or the PostgreSQL
    /// connection string without its password.
    [[nodiscard]] const std::string& description() const noexcept { return m_description; }

private:
    /// The settings of a new connection, applied once by the pool.
    void configure(Poco::Data::Session& connection);
    /// SQLite: the compiled statements of this pooled connection (nullptr on PostgreSQL).
    SqliteStatementCache* statementCache(Poco::Data::Session& connection);
    /// Runs `attempt` on a pooled connection, again on deadlock or a lost connection.
    void withRetries(const std::function<void(Poco::Data::Session&)>& attempt);
    /// true (and the connection closed) when PostgreSQL's connection is dead.
    bool dropIfLost(Poco::Data::Session& session);
    void migrate();
    /// SQLite: one transaction for a GroupCommit batch, one savepoint per work.
    void runSqliteBatch(const std::vector<GroupCommit::Request*>& batch);
    /// The error of a write that waited the busy timeout for its turn.
    [[nodiscard]] StoreUnavailable stayedBusy() const;

    DatabaseSettings m_settings;
    std::string m_description;
    /// SQLite: checkpoints off the writers' path. Declared before the pool: it outlives
    /// the connections whose commits wake it.
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unique_ptr<Poco::Data::SessionPool> m_pool;
    /// One permit per pooled connection: a request beyond them waits (up to the busy
    /// timeout) instead of Poco's pool refusing it at once.
    std::counting_semaphore<1024> m_connections;
    /// SQLite only: this process's writers queue here rather than on the file lock.
    std::timed_mutex m_sqliteWriter;
    /// SQLite: each pooled connection's compiled statements. Declared after the pool so
    /// that they are finalized before it closes the connections; SQLite connections stay
    /// open as long as the pool (its janitor never closes them) for the same reason.
    std::mutex m_statementCachesMutex;
    std::unordered_map<sqlite3*, std::unique_ptr<SqliteStatementCache>> m_statementCaches;
    /// SQLite: this process's writes, gathered into shared transactions.
    GroupCommit m_groupCommit;
};

} // namespace dcc::server
