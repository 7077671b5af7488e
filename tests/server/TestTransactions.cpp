#include "server/store/Database.h"
#include "server/store/StoreError.h"
#include "tests/server/TestDatabases.h"

#include <Poco/Data/Session.h>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

using dcc::server::Database;
using dcc::server::SqlSession;
using dcc::server::StoreUnavailable;
using dcc::test::TestDatabases;
using namespace Poco::Data::Keywords;

/// Store calls made inside another's work join it (Database::read / write): one connection,
/// and inside a write one transaction — what lets /launch spend a ticket and record its
/// session in one commit. On SQLite and, in the .postgresql copy, on PostgreSQL.
class TestTransactions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    dcc::server::DatabaseSettings m_settings;
    std::optional<Database> m_database;

    void insert(const std::string& name)
    {
        m_database->write([&](SqlSession& sql) {
            sql << "INSERT INTO server_settings (name, value) VALUES (?, 'x')", bind(name), now;
        });
    }

    std::size_t count(const std::string& name)
    {
        std::size_t rows = 0;
        m_database->read([&](SqlSession& sql) {
            Poco::Int64 n = 0;
            sql << "SELECT COUNT(*) FROM server_settings WHERE name = ?", bind(name), into(n), now;
            rows = static_cast<std::size_t>(n);
        });
        return rows;
    }

private Q_SLOTS:
    void init()
    {
        m_settings = TestDatabases::fresh(m_dir.filePath("transactions.db").toStdString());
        // Were the inner write not joined, it would wait for the outer one's writer lock
        // (SQLite) or row lock: short, so that such a failure shows at once.
        m_settings.busyTimeoutMs = 300;
        m_database.emplace(m_settings);
    }
    void cleanup() { m_database.reset(); }

    void writeInsideWriteIsOneTransaction()
    {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, m_database->write([&](SqlSession&) {
            insert("first");
            insert("second");
            QCOMPARE(count("first"), std::size_t(1)); // the outer transaction sees its rows
            throw std::runtime_error("the step after them fails");
        }));
        QCOMPARE(count("first"), std::size_t(0));
        QCOMPARE(count("second"), std::size_t(0));

        m_database->write([&](SqlSession&) {
            insert("first");
            insert("second");
        });
        QCOMPARE(count("first"), std::size_t(1));
        QCOMPARE(count("second"), std::size_t(1));
    }

    void failedStatementInsideWriteUndoesTheOuterWork()
    {
        insert("taken");
        // The inner insert breaks the primary key: nothing of the outer work stays.
        QVERIFY_THROWS_EXCEPTION(dcc::server::StoreConflict, m_database->write([&](SqlSession&) {
            insert("fresh");
            insert("taken");
        }));
        QCOMPARE(count("fresh"), std::size_t(0));
        QCOMPARE(count("taken"), std::size_t(1));
    }

    void writeInsideReadCommitsOnItsConnection()
    {
        std::size_t seenBefore = 99;
        m_database->read([&](SqlSession&) {
            seenBefore = count("inner");
            insert("inner");
        });
        QCOMPARE(seenBefore, std::size_t(0));
        QCOMPARE(count("inner"), std::size_t(1));
    }

    void concurrentWritesAreCommittedTogetherEachUndoneAlone()
    {
        if (m_database->driver() != dcc::server::SqlDriver::SQLite)
            QSKIP("writes are committed together on SQLite only (PostgreSQL has many writers)");
        // The queued writes wait for the first one as long as this test needs, however slow
        // the machine (sanitizers, a loaded CI): not the suite's short busy timeout.
        m_database.reset();
        dcc::server::DatabaseSettings patient = m_settings;
        patient.busyTimeoutMs = 30000;
        m_database.emplace(patient);
        insert("batch-taken");
        // Three writes queue while a first one runs: they then run as one batch, in one
        // transaction. The failing two must leave nothing, the third its row.
        std::optional<bool> committed;
        std::optional<bool> conflicted;
        std::optional<bool> thrown;
        std::vector<std::thread> writers;
        m_database->write([&](SqlSession&) {
            insert("batch-first");
            writers.emplace_back([&] {
                try {
                    insert("batch-second");
                    committed = true;
                } catch (const std::exception&) {
                    committed = false;
                }
            });
            writers.emplace_back([&] {
                try {
                    insert("batch-taken");
                    conflicted = false;
                } catch (const dcc::server::StoreConflict&) {
                    conflicted = true;
                }
            });
            writers.emplace_back([&] {
                try {
                    m_database->write([&](SqlSession&) {
                        insert("batch-third");
                        throw std::runtime_error("rule broken after the insert");
                    });
                    thrown = false;
                } catch (const std::runtime_error&) {
                    thrown = true;
                }
            });
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (m_database->queuedWrites() < 3 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::yield();
            QCOMPARE(m_database->queuedWrites(), std::size_t(3));
        });
        for (std::thread& writer : writers)
            writer.join();
        QCOMPARE(committed, std::optional<bool>(true));
        QCOMPARE(conflicted, std::optional<bool>(true));
        QCOMPARE(thrown, std::optional<bool>(true));
        QCOMPARE(count("batch-first"), std::size_t(1));
        QCOMPARE(count("batch-second"), std::size_t(1));
        QCOMPARE(count("batch-taken"), std::size_t(1));
        QCOMPARE(count("batch-third"), std::size_t(0));
    }

    void logIsCheckpointedByItsOwnThread()
    {
        if (m_database->driver() != dcc::server::SqlDriver::SQLite)
            QSKIP("an SQLite write-ahead log");
        // Past 1,000 pages of log (4 KiB each), a commit wakes the checkpointer: commits of
        // about 40 KiB each, 110 of them, make 1,100 pages at least.
        const std::string page(40 * 1024, 'x');
        const std::uint64_t before = m_database->walCheckpoints();
        for (int i = 0; i < 110; ++i)
            m_database->write([&](SqlSession& sql) {
                sql.execute("INSERT INTO server_settings (name, value) VALUES (?, ?)",
                            {"wal-" + std::to_string(i), page});
            });
        QTRY_VERIFY_WITH_TIMEOUT(m_database->walCheckpoints() > before, 5000);
    }

    void otherThreadsDoNotJoin()
    {
        // The joined connection belongs to the thread that opened it: the same insert from
        // another thread during the outer work waits for it (SQLite's writer lock, or
        // PostgreSQL's lock on the new key), here past the busy timeout.
        std::optional<bool> refused;
        m_database->write([&](SqlSession&) {
            insert("outer");
            std::thread other([&] {
                try {
                    insert("outer");
                    refused = false;
                } catch (const StoreUnavailable&) {
                    refused = true;
                } catch (const dcc::server::StoreConflict&) { // it joined: saw the row
                    refused = false;
                }
            });
            other.join();
        });
        QVERIFY(refused.has_value());
        QVERIFY(*refused);
        QCOMPARE(count("outer"), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "TestTransactions.moc"
