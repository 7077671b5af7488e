#include "server/store/Database.h"
#include "server/store/StoreError.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

using dcc::server::Database;
using dcc::server::SqlSession;

/// How the server writes to its embedded SQLite file, which has one writer at a time:
/// concurrent writes committed together, each undone alone when it fails (GroupCommit), and
/// the write-ahead log checkpointed by a thread of its own (WalCheckpointer). SQLite only:
/// PostgreSQL has many writers and no such log (server.Transactions covers both).
class TestSqliteWrites : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<Database> m_database;

    void insert(const std::string& name, const std::string& value = "x")
    {
        m_database->write([&](SqlSession& sql) {
            sql.execute("INSERT INTO server_settings (name, value) VALUES (?, ?)", {name, value});
        });
    }

    std::int64_t count(const std::string& name)
    {
        std::int64_t rows = 0;
        m_database->read([&](SqlSession& sql) {
            rows = sql.query("SELECT COUNT(*) FROM server_settings WHERE name = ?", {name})
                       .front()
                       .integer(0);
        });
        return rows;
    }

private Q_SLOTS:
    void init()
    {
        dcc::server::DatabaseSettings settings;
        settings.driver = dcc::server::SqlDriver::SQLite;
        settings.location = m_dir.filePath("writes.db").toStdString();
        // Queued writes wait for the first one as long as a test needs, however slow the
        // machine (sanitizers, a loaded CI).
        settings.busyTimeoutMs = 30000;
        m_database.emplace(settings);
    }
    void cleanup()
    {
        m_database.reset();
        QFile::remove(m_dir.filePath("writes.db"));
    }

    void concurrentWritesAreCommittedTogetherEachUndoneAlone()
    {
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
        QCOMPARE(count("batch-first"), 1);
        QCOMPARE(count("batch-second"), 1);
        QCOMPARE(count("batch-taken"), 1);
        QCOMPARE(count("batch-third"), 0);
    }

    void logIsCheckpointedByItsOwnThread()
    {
        // Past 1,000 pages of log (4 KiB each), a commit wakes the checkpointer: commits of
        // about 40 KiB each, 110 of them, make 1,100 pages at least.
        const std::string page(40 * 1024, 'x');
        const std::uint64_t before = m_database->walCheckpoints();
        for (int i = 0; i < 110; ++i)
            insert("wal-" + std::to_string(i), page);
        QTRY_VERIFY_WITH_TIMEOUT(m_database->walCheckpoints() > before, 5000);
    }
};

QTEST_GUILESS_MAIN(TestSqliteWrites)
#include "TestSqliteWrites.moc"
