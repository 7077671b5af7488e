#include "server/store/Database.h"

#include "server/store/ConfiguredSessionPool.h"
#include "server/store/Migrations.h"
#include "server/store/SqlValues.h"
#include "server/store/SqliteStatementCache.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/PostgreSQL/SessionHandle.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>

#include <algorithm>
#include <chrono>
#include <libpq-fe.h>
#include <mutex>
#include <regex>
#include <sqlite3.h>
#include <thread>
#include <utility>
#include <vector>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;

namespace dcc::server {

namespace {

void registerConnectorsOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // SQLite's memory statistics take one process-wide mutex on every allocation, and
        // parsing a statement allocates often: with a thread per HTTP connection the
        // threads queued on it (docs/BENCHMARKS.md). Only possible before SQLite starts;
        // when something else started it first, the statistics stay on.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// PostgreSQL's SQLSTATE is in the message once the connection reports errors verbosely
// (Database::configure); the message text itself may be in the server's language.
bool hasSqlState(const Poco::Exception& e, const char* state)
{
    return e.displayText().find(std::string(state) + ":") != std::string::npos;
}

bool isPostgreSQLConflict(const Poco::Exception& e)
{
    return hasSqlState(e, "23505") || hasSqlState(e, "23503"); // unique, foreign key
}

bool isPostgreSQLRetryable(const Poco::Exception& e)
{
    return hasSqlState(e, "40001") || hasSqlState(e, "40P01"); // serialization, deadlock
}

struct RetryTransaction
{};

struct LostConnection
{};

// Runs `work` and turns driver exceptions into the store's own; anything else (a
// business rule thrown from inside a transaction) passes through untouched.
template <typename Work>
void translateErrors(Work&& work)
{
    try {
        work();
    } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
        throw StoreConflict(e.displayText());
    } catch (const Poco::Data::PostgreSQL::StatementException& e) {
        if (isPostgreSQLConflict(e))
            throw StoreConflict(e.displayText());
        if (isPostgreSQLRetryable(e))
            throw RetryTransaction{};
        throw StoreUnavailable(e.displayText());
    } catch (const Poco::Exception& e) {
        throw StoreUnavailable(e.displayText());
    }
}

std::string withoutPassword(const std::string& connection)
{
    static const std::regex password(R"((^|\s)password=\S*)");
    return std::regex_replace(connection, password, "$1password=***");
}

// The same number for every instance: the lock that makes concurrent migrations queue.
constexpr std::int64_t kMigrationLock = 0x44434331; // "DCC1"

// Writes committed together at most: enough for 64 connections' worth of /launch in two
// commits, few enough that the first of a batch does not wait long for the last.
constexpr std::size_t kMaxWritesPerCommit = 32;

} // namespace

Database::Database(DatabaseSettings settings)
    : m_settings(std::move(settings))
    , m_description(m_settings.driver == SqlDriver::SQLite ? m_settings.location
                                                           : withoutPassword(m_settings.location))
    , m_connections(
          static_cast<std::ptrdiff_t>(std::min<std::size_t>(m_settings.maxSessions, 1024)))
    , m_groupCommit(kMaxWritesPerCommit, [this](const std::vector<GroupCommit::Request*>& batch) {
        runSqliteBatch(batch);
    })
{
    registerConnectorsOnce();
    // Poco would give new PostgreSQL connections 60 s to connect: with the database host
    // unreachable, requests would hang that long. The busy timeout (at least libpq's 2 s)
    // unless the connection string says otherwise.
    if (m_settings.driver == SqlDriver::PostgreSQL &&
        m_settings.location.find("connect_timeout=") == std::string::npos)
        m_settings.location += " connect_timeout=" +
                               std::to_string(std::max(2, (m_settings.busyTimeoutMs + 999) / 1000));
    translateErrors([&] {
        const bool sqlite = m_settings.driver == SqlDriver::SQLite;
        const std::string connector =
            sqlite ? Poco::Data::SQLite::Connector::KEY : Poco::Data::PostgreSQL::Connector::KEY;
        // A first connection outside any pool: a database that cannot be opened fails here,
        // before a SessionPool exists. Poco 1.11's pool, destroyed while its janitor timer
        // runs, deadlocks (shutdown() holds the lock the timer's callback waits for).
        // Opening an SQLite file takes no time: when it fails, Poco would still wait out its
        // 60-second login timeout.
        Poco::Data::Session session(connector, m_settings.location, sqlite ? 5 : 60);
        if (sqlite) {
            sqlite3_busy_timeout(Poco::Data::SQLite::Utility::dbHandle(session),
                                 m_settings.busyTimeoutMs);
            // WAL lets readers go on while one writer commits; it is a property of the file.
            // Instances opening a new file together race for it: the switch was seen failing
            // at once with SQLITE_BUSY in spite of the busy timeout (server.MultiInstance,
            // about one start in ten), so it is tried again until the timeout.
            std::string mode;
            const auto deadline = std::chrono::steady_clock::now() +
                                  std::chrono::milliseconds(m_settings.busyTimeoutMs);
            for (;;) {
                try {
                    session << "PRAGMA journal_mode=WAL", into(mode), now;
                    break;
                } catch (const Poco::Data::SQLite::DBLockedException&) {
                    if (std::chrono::steady_clock::now() >= deadline)
                        throw;
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
            }
            if (mode != "wal")
                throw StoreUnavailable("cannot switch " + m_description + " to WAL mode (got '" +
                                       mode + "')");
        }
        session.close();
        if (sqlite)
            m_checkpointer = std::make_unique<WalCheckpointer>(m_settings.location);
        // SQLite connections are never closed for being idle: they keep their compiled
        // statements (SqliteStatementCache), and an open SQLite file costs nothing.
        const int maxSessions = static_cast<int>(m_settings.maxSessions);
        m_pool = std::make_unique<ConfiguredSessionPool>(
            connector, m_settings.location, sqlite ? maxSessions : 1, maxSessions, 60,
            [this](Poco::Data::Session& connection) { configure(connection); });
    });
    migrate();
}

Database::~Database() = default;

void Database::configure(Poco::Data::Session& connection)
{
    if (m_settings.driver == SqlDriver::PostgreSQL) {
        auto* handle =
            Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(connection.getProperty("handle"));
        // Client side: error messages then carry their SQLSTATE (see hasSqlState).
        PQsetErrorVerbosity(*handle, PQERRORS_VERBOSE);
        connection << "SET lock_timeout = " + std::to_string(m_settings.busyTimeoutMs), now;
        connection << "SET client_min_messages = warning", now;
        return;
    }
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(connection);
    int enabled = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &enabled);
    sqlite3_busy_timeout(db, m_settings.busyTimeoutMs);
    m_checkpointer->install(db);
    if (enabled != 1 || sqlite3_exec(db,
                                     m_settings.sqliteFullSync ? "PRAGMA synchronous=FULL"
                                                               : "PRAGMA synchronous=NORMAL",
                                     nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreUnavailable("cannot configure the connection to " + m_description + ": " +
                               sqlite3_errmsg(db));
    const std::lock_guard lock(m_statementCachesMutex);
    m_statementCaches[db] = std::make_unique<SqliteStatementCache>(db);
}

SqliteStatementCache* Database::statementCache(Poco::Data::Session& connection)
{
    if (m_settings.driver != SqlDriver::SQLite)
        return nullptr;
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(connection);
    const std::lock_guard lock(m_statementCachesMutex);
    const auto found = m_statementCaches.find(db);
    return found != m_statementCaches.end() ? found->second.get() : nullptr;
}

namespace {

// The connection a read() or write() of this thread is working on, so that a store call
// made inside another's work joins it instead of taking a second connection (and, inside
// a write, becomes part of its transaction). Nested calls on another Database object
// (an export into a second database) stack their own.
struct OpenConnection
{
    const Database* database;
    Poco::Data::Session* session;
    SqliteStatementCache* statements;
    bool inTransaction;
};

thread_local OpenConnection* t_open = nullptr;

class OpenConnectionScope
{
public:
    explicit OpenConnectionScope(OpenConnection& connection)
        : m_previous(std::exchange(t_open, &connection))
    {}
    ~OpenConnectionScope() { t_open = m_previous; }
    OpenConnectionScope(const OpenConnectionScope&) = delete;
    OpenConnectionScope& operator=(const OpenConnectionScope&) = delete;

private:
    OpenConnection* m_previous;
};

// Runs `work` in a transaction on `open`'s connection, committed when it returns, rolled
// back when it throws; read() and write() calls inside `work` join it.
void runTransaction(OpenConnection& open, SqlDriver driver,
                    const std::function<void(SqlSession&)>& work)
{
    const bool sqlite = driver == SqlDriver::SQLite;
    Poco::Data::Session& session = *open.session;
    SqlSession sql(session, driver, open.statements);
    if (sqlite)
        sql.execute("BEGIN IMMEDIATE");
    else
        session.begin();
    open.inTransaction = true;
    try {
        work(sql);
        open.inTransaction = false;
        if (sqlite)
            sql.execute("COMMIT");
        else
            session.commit();
    } catch (...) {
        open.inTransaction = false;
        try {
            if (sqlite)
                sql.execute("ROLLBACK");
            else
                session.rollback();
        } catch (const Poco::Exception&) { // the failed transaction is gone anyway
        } catch (const StoreUnavailable&) {
        }
        throw;
    }
}

} // namespace

void Database::read(const std::function<void(SqlSession&)>& work)
{
    if (t_open != nullptr && t_open->database == this) {
        SqlSession sql(*t_open->session, m_settings.driver, t_open->statements);
        translateErrors([&] { work(sql); });
        return;
    }
    withRetries([&](Poco::Data::Session& session) {
        OpenConnection open{this, &session, statementCache(session), false};
        const OpenConnectionScope scope(open);
        SqlSession sql(session, m_settings.driver, open.statements);
        work(sql);
    });
}

void Database::write(const std::function<void(SqlSession&)>& work)
{
    OpenConnection* joined = t_open != nullptr && t_open->database == this ? t_open : nullptr;
    if (joined != nullptr && joined->inTransaction) {
        SqlSession sql(*joined->session, m_settings.driver, joined->statements);
        translateErrors([&] { work(sql); });
        return;
    }
    const bool sqlite = m_settings.driver == SqlDriver::SQLite;
    if (sqlite && joined == nullptr) {
        if (!m_groupCommit.submit(work, std::chrono::milliseconds(m_settings.busyTimeoutMs)))
            throw stayedBusy();
        return;
    }
    if (joined != nullptr) { // a write inside a read's work: a transaction on its connection
        std::unique_lock<std::timed_mutex> writer(m_sqliteWriter, std::defer_lock);
        if (sqlite && !writer.try_lock_for(std::chrono::milliseconds(m_settings.busyTimeoutMs)))
            throw stayedBusy();
        translateErrors([&] { runTransaction(*joined, m_settings.driver, work); });
        return;
    }
    withRetries([&](Poco::Data::Session& session) {
        OpenConnection open{this, &session, statementCache(session), false};
        const OpenConnectionScope scope(open);
        runTransaction(open, m_settings.driver, work);
    });
}

StoreUnavailable Database::stayedBusy() const
{
    return StoreUnavailable("the database " + m_description + " stayed busy for " +
                            std::to_string(m_settings.busyTimeoutMs) + " ms");
}

void Database::runSqliteBatch(const std::vector<GroupCommit::Request*>& batch)
{
    // SQLite has one writer at a time. Left to its busy handler, waiting writers poll the
    // lock with sleeps of up to 100 ms; this process's batches, and its writes inside a
    // read, take turns on a mutex instead. (Other processes, such as the admin CLI, still
    // meet the busy timeout.)
    std::unique_lock<std::timed_mutex> writer(m_sqliteWriter, std::defer_lock);
    if (!writer.try_lock_for(std::chrono::milliseconds(m_settings.busyTimeoutMs)))
        throw stayedBusy();
    withRetries([&](Poco::Data::Session& session) {
        OpenConnection open{this, &session, statementCache(session), false};
        const OpenConnectionScope scope(open);
        if (batch.size() == 1) {
            runTransaction(open, m_settings.driver, *batch.front()->work);
            return;
        }
        SqlSession sql(session, m_settings.driver, open.statements);
        sql.execute("BEGIN IMMEDIATE");
        open.inTransaction = true;
        try {
            for (GroupCommit::Request* request : batch) {
                request->error = nullptr;
                sql.execute("SAVEPOINT batched_write");
                try {
                    translateErrors([&] { (*request->work)(sql); });
                    sql.execute("RELEASE batched_write");
                } catch (...) {
                    request->error = std::current_exception();
                    // When SQLite has already ended the whole transaction (disk full, I/O
                    // error), this throws and the batch fails below.
                    sql.execute("ROLLBACK TO batched_write");
                    sql.execute("RELEASE batched_write");
                }
            }
            open.inTransaction = false;
            sql.execute("COMMIT");
        } catch (...) {
            open.inTransaction = false;
            try {
                sql.execute("ROLLBACK");
            } catch (const StoreUnavailable&) { // the failed transaction is gone anyway
            }
            throw; // GroupCommit fails every write of the batch that had not failed alone
        }
    });
}

void Database::withRetries(const std::function<void(Poco::Data::Session&)>& attempt)
{
    // A restart or fail-over of PostgreSQL leaves every pooled connection dead: each is
    // found out by the statement that fails on it, dropped, and the work runs again on
    // another — at most once per pooled connection, plus a fresh one.
    const std::size_t maxLostConnections = m_settings.maxSessions + 1;
    constexpr int kMaxDeadlocks = 3;
    std::size_t lostConnections = 0;
    int deadlocks = 0;
    for (;;) {
        try {
            translateErrors([&] {
                if (!m_connections.try_acquire_for(
                        std::chrono::milliseconds(m_settings.busyTimeoutMs)))
                    throw StoreUnavailable("every connection to " + m_description +
                                           " stayed in use for " +
                                           std::to_string(m_settings.busyTimeoutMs) + " ms");
                const struct Permit
                {
                    std::counting_semaphore<1024>& connections;
                    ~Permit() { connections.release(); }
                } permit{m_connections};
                Poco::Data::Session session = m_pool->get();
                try {
                    attempt(session);
                } catch (const Poco::Exception&) {
                    if (dropIfLost(session))
                        throw LostConnection{};
                    throw;
                } catch (const StoreUnavailable&) { // translated by a joined read() or write()
                    if (dropIfLost(session))
                        throw LostConnection{};
                    throw;
                }
            });
            return;
        } catch (const RetryTransaction&) {
            if (++deadlocks == kMaxDeadlocks)
                throw StoreUnavailable("the database aborted the transaction " +
                                       std::to_string(kMaxDeadlocks) + " times (deadlock)");
        } catch (const LostConnection&) {
            if (++lostConnections == maxLostConnections)
                throw StoreUnavailable("the connection to the database " + m_description +
                                       " is lost");
        }
    }
}

bool Database::dropIfLost(Poco::Data::Session& session)
{
    if (m_settings.driver != SqlDriver::PostgreSQL)
        return false; // SQLite has no connection to lose
    auto* handle =
        Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
    if (PQstatus(*handle) != CONNECTION_BAD)
        return false;
    // Closed, the pool drops it instead of handing it out again.
    handle->disconnect();
    return true;
}

void Database::lockRow(SqlSession& session, const std::string& table, std::int64_t id)
{
    if (session.driver() == SqlDriver::SQLite)
        return; // BEGIN IMMEDIATE holds the whole file
    std::vector<Poco::Int64> locked;
    session << "SELECT id FROM " + table + " WHERE id = ? FOR UPDATE", bind(i64(id)), into(locked),
        now;
}

int Database::schemaVersion()
{
    int version = 0;
    read([&](SqlSession& session) {
        session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    });
    return version;
}

void Database::migrate()
{
    // PostgreSQL: every step takes the same transaction-scoped advisory lock first, so that
    // instances starting together apply each migration once, one after the other.
    const auto serialise = [this](SqlSession& session) {
        if (m_settings.driver != SqlDriver::PostgreSQL)
            return;
        std::vector<Poco::Int64> locked;
        session << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS migration_lock",
            bind(i64(kMigrationLock)), into(locked), now;
    };
    write([&](SqlSession& session) {
        serialise(session);
        session << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                   "applied_at BIGINT NOT NULL)",
            now;
    });
    if (const int current = schemaVersion(); current > Migrations::latestVersion())
        throw StoreUnavailable("the database " + m_description + " has schema version " +
                               std::to_string(current) + ", newer than this server knows (" +
                               std::to_string(Migrations::latestVersion()) + ")");
    for (const Migration& migration : Migrations::all()) {
        write([&](SqlSession& session) {
            serialise(session);
            int applied = 0;
            int version = migration.version;
            session << "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", bind(version),
                into(applied), now;
            if (applied > 0)
                return;
            for (const std::string& statement : migration.statements)
                session << Migrations::forDriver(statement, m_settings.driver), now;
            Poco::Int64 appliedAt = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
            session << "INSERT INTO schema_migrations (version, description, applied_at) "
                       "VALUES (?, ?, ?)",
                bind(version), bind(migration.description), bind(appliedAt), now;
        });
    }
}

} // namespace dcc::server
