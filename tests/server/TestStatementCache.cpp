#include "server/store/SqlSession.h"
#include "server/store/SqliteStatementCache.h"
#include "server/store/StoreError.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <QtTest>

#include <optional>
#include <sqlite3.h>
#include <string>

using dcc::server::SqlDriver;
using dcc::server::SqliteStatementCache;
using dcc::server::SqlRow;
using dcc::server::SqlSession;
using dcc::server::StoreConflict;
using dcc::server::StoreUnavailable;

/// The statements the stores run on SQLite, compiled once per connection
/// (SqliteStatementCache), and SqlSession's query/execute around them: values in, typed
/// rows out, errors as the store's own, and a statement usable again after any failure.
class TestStatementCache : public QObject
{
    Q_OBJECT

    std::optional<Poco::Data::Session> m_session;
    std::optional<SqliteStatementCache> m_cache;

    sqlite3* connection() { return Poco::Data::SQLite::Utility::dbHandle(*m_session); }
    SqlSession sql() { return SqlSession(*m_session, SqlDriver::SQLite, &*m_cache); }

private Q_SLOTS:
    void initTestCase() { Poco::Data::SQLite::Connector::registerConnector(); }
    void init()
    {
        m_session.emplace("SQLite", ":memory:");
        m_cache.emplace(connection());
    }
    void cleanup()
    {
        m_cache.reset(); // the statements go before their connection
        m_session.reset();
    }

    void compilesEachStatementOnce()
    {
        sqlite3_stmt* first = m_cache->statement("SELECT 1");
        QCOMPARE(m_cache->statement("SELECT 1"), first);
        QVERIFY(m_cache->statement("SELECT 2") != first);
        QCOMPARE(m_cache->size(), std::size_t(2));
    }

    void startsAgainPastItsCapacity()
    {
        for (std::size_t i = 0; i <= SqliteStatementCache::kCapacity; ++i)
            QVERIFY(m_cache->statement("SELECT " + std::to_string(i)) != nullptr);
        QVERIFY(m_cache->size() <= SqliteStatementCache::kCapacity);
        const std::vector<SqlRow> rows = sql().query("SELECT 7");
        QCOMPARE(rows.front().integer(0), std::int64_t(7));
    }

    void refusesBadSqlByItsText()
    {
        try {
            (void)m_cache->statement("SELEC 1");
            QFAIL("compiled");
        } catch (const StoreUnavailable& e) {
            QVERIFY2(std::string(e.what()).find("SELEC 1") != std::string::npos, e.what());
        }
        QCOMPARE(m_cache->size(), std::size_t(0));
    }

    void readsTypedCells()
    {
        const std::string text = "Dupont, Jeanne";
        const std::vector<SqlRow> rows =
            sql().query("SELECT NULL, ?, 'texte', ?", {std::int64_t(42), text});
        QCOMPARE(rows.size(), std::size_t(1));
        const SqlRow& row = rows.front();
        QVERIFY(row.isNull(0));
        QCOMPARE(row.optionalText(0), std::optional<std::string>());
        QCOMPARE(row.integer(1), std::int64_t(42));
        QCOMPARE(row.text(2), std::string("texte"));
        QCOMPARE(row.text(3), text);
        QVERIFY_THROWS_EXCEPTION(StoreUnavailable, (void)row.integer(2)); // SQL and code disagree
        QVERIFY_THROWS_EXCEPTION(StoreUnavailable, (void)row.text(4));    // no such column
    }

    void countsItsParameters()
    {
        QVERIFY_THROWS_EXCEPTION(StoreUnavailable, sql().query("SELECT ?, ?", {std::int64_t(1)}));
    }

    void conflictIsAStoreConflictAndTheStatementServesAgain()
    {
        SqlSession session = sql();
        session.execute("CREATE TABLE t (name TEXT PRIMARY KEY)");
        QCOMPARE(session.execute("INSERT INTO t (name) VALUES (?)", {"a"}), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(StoreConflict,
                                 session.execute("INSERT INTO t (name) VALUES (?)", {"a"}));
        QCOMPARE(session.execute("INSERT INTO t (name) VALUES (?)", {"b"}), std::size_t(1));
        QCOMPARE(session.query("SELECT COUNT(*) FROM t").front().integer(0), std::int64_t(2));
        QCOMPARE(session.execute("UPDATE t SET name = name || '!'"), std::size_t(2));
    }

    void aStatementLeftMidwayIsReset()
    {
        // The second row holds a real number, which no store column does: the read fails
        // after a first row. The statement must still come back reset, or it would keep
        // its read open (and the table could not be dropped, nor the log checkpointed).
        SqlSession session = sql();
        session.execute("CREATE TABLE u (n)");
        session.execute("INSERT INTO u (n) VALUES (1), (2.5)");
        const std::string select = "SELECT n FROM u ORDER BY n";
        QVERIFY_THROWS_EXCEPTION(StoreUnavailable, session.query(select));
        QCOMPARE(sqlite3_stmt_busy(m_cache->statement(select)), 0);
        session.execute("DROP TABLE u");
    }
};

QTEST_GUILESS_MAIN(TestStatementCache)
#include "TestStatementCache.moc"
