#include "server/store/Database.h"
#include "server/store/StoreError.h"
#include "tests/server/TestDatabases.h"

#include <Poco/Data/Session.h>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>
#include <stdexcept>
#include <thread>

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
        dcc::server::DatabaseSettings settings =
            TestDatabases::fresh(m_dir.filePath("transactions.db").toStdString());
        // Were the inner write not joined, it would wait for the outer one's writer lock
        // (SQLite) or row lock: short, so that such a failure shows at once.
        settings.busyTimeoutMs = 300;
        m_database.emplace(settings);
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
