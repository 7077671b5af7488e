#include "server/store/Database.h"

#include "server/store/Migrations.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>

#include <chrono>
#include <mutex>

using namespace Poco::Data::Keywords;

namespace dcc::server {

namespace {

void registerConnectorOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

// Runs `work` and turns driver exceptions into the store's own; anything else (a
// business rule thrown from inside a transaction) passes through untouched.
template <typename Work>
void translateErrors(Work&& work)
{
    try {
        work();
    } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
        throw StoreConflict(e.displayText());
    } catch (const Poco::Exception& e) {
        throw StoreUnavailable(e.displayText());
    }
}

} // namespace

Database::Database(const std::string& sqlitePath, Options options)
    : m_path(sqlitePath)
    , m_options(options)
{
    registerConnectorOnce();
    translateErrors([&] {
        m_pool = std::make_unique<Poco::Data::SessionPool>(
            Poco::Data::SQLite::Connector::KEY, sqlitePath, 1,
            static_cast<int>(m_options.maxSessions), 60);
        Poco::Data::Session session = acquire();
        // WAL lets readers go on while one writer commits; it is a property of the file.
        std::string mode;
        session << "PRAGMA journal_mode=WAL", into(mode), now;
        if (mode != "wal")
            throw StoreUnavailable("cannot switch " + sqlitePath + " to WAL mode (got '" + mode +
                                   "')");
    });
    migrate();
}

Database::~Database() = default;

Poco::Data::Session Database::acquire()
{
    Poco::Data::Session session = m_pool->get();
    // Per-connection settings: a pooled connection may be new, and these cost nothing.
    session << "PRAGMA foreign_keys=ON", now;
    session << "PRAGMA busy_timeout=" + std::to_string(m_options.busyTimeoutMs), now;
    session << "PRAGMA synchronous=FULL", now;
    return session;
}

void Database::read(const std::function<void(Poco::Data::Session&)>& work)
{
    translateErrors([&] {
        Poco::Data::Session session = acquire();
        work(session);
    });
}

void Database::write(const std::function<void(Poco::Data::Session&)>& work)
{
    translateErrors([&] {
        Poco::Data::Session session = acquire();
        session << "BEGIN IMMEDIATE", now;
        try {
            work(session);
            session << "COMMIT", now;
        } catch (...) {
            try {
                session << "ROLLBACK", now;
            } catch (const Poco::Exception&) { // the failed transaction is gone either way
            }
            throw;
        }
    });
}

int Database::schemaVersion()
{
    int version = 0;
    read([&](Poco::Data::Session& session) {
        session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    });
    return version;
}

void Database::migrate()
{
    write([](Poco::Data::Session& session) {
        session << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                   "applied_at BIGINT NOT NULL)",
            now;
    });
    if (const int current = schemaVersion(); current > Migrations::latestVersion())
        throw StoreUnavailable("the database " + m_path + " has schema version " +
                               std::to_string(current) + ", newer than this server knows (" +
                               std::to_string(Migrations::latestVersion()) + ")");
    for (const Migration& migration : Migrations::all()) {
        write([&](Poco::Data::Session& session) {
            int applied = 0;
            int version = migration.version;
            session << "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", use(version),
                into(applied), now;
            if (applied > 0)
                return;
            for (const std::string& statement : migration.statements)
                session << statement, now;
            std::string description = migration.description;
            Poco::Int64 appliedAt = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
            session << "INSERT INTO schema_migrations (version, description, applied_at) "
                       "VALUES (?, ?, ?)",
                use(version), use(description), use(appliedAt), now;
        });
    }
}

} // namespace dcc::server
