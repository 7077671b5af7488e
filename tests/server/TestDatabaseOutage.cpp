#include "server/store/DatabaseSettings.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/server/RequestBodies.h"

#include <Poco/JSON/Object.h>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <thread>
#include <vector>

using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;

namespace {

constexpr auto kPassword = "Soleil-2024";

Poco::JSON::Object credentials()
{
    return dcc::test::credentials("j.dupont", kPassword);
}

} // namespace

/// PostgreSQL stopped under a running server, then started again (a restart, a
/// fail-over): meanwhile every request answers 503 at once and leaves nothing behind; once
/// the database is back, the server serves again without a single error, although every
/// connection it pooled died with the old database process. The suite runs its own cluster
/// (tests/support/postgresql/cluster.sh), since it stops it.
class TestDatabaseOutage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_state;

    void cluster(const QString& action)
    {
        QProcess script;
        script.setProcessChannelMode(QProcess::MergedChannels);
        script.start("bash", {DCC_POSTGRESQL_CLUSTER_SCRIPT, action, m_state.path()});
        QVERIFY(script.waitForFinished(120000));
        QVERIFY2(script.exitCode() == 0, script.readAll().constData());
    }

private Q_SLOTS:
    void initTestCase() { cluster("start"); }
    void cleanupTestCase() { cluster("stop"); }

    void requestsAnswer503DuringTheOutageAndServeAfterIt()
    {
        QFile file(m_state.filePath("connection"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string connection = file.readAll().trimmed().toStdString();
        InProcessServer server([&](dcc::server::ServerConfig& config) {
            config.database.driver = dcc::server::SqlDriver::PostgreSQL;
            config.database.location = connection;
            config.database.maxSessions = 8;
        });
        server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        // Fill the pool: eight requests at once leave eight connections open.
        {
            std::vector<std::thread> threads;
            for (int i = 0; i < 8; ++i)
                threads.emplace_back([&] {
                    HttpTestClient client(server.baseUrl());
                    client.get("/api/v1/info");
                    client.postJson("/api/v1/auth/otp", credentials());
                });
            for (auto& thread : threads)
                thread.join();
        }
        QCOMPARE(server.newMails().size(), 5); // the quota: five codes per quarter-hour
        server.clock().advance(15 * 60);

        cluster("down");
        HttpTestClient client(server.baseUrl());
        QElapsedTimer timer;
        timer.start();
        const auto during = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(during, 503, "service_unavailable");
        QCOMPARE(during.header("Retry-After"), std::string("5"));
        QCOMPARE(during.json()->getValue<int>("retry_after"), 5);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(server.newMails().isEmpty()); // no code mailed for a login not recorded

        cluster("up");
        for (int i = 0; i < 10; ++i) {
            const auto after = client.postJson("/api/v1/auth/otp", credentials());
            QVERIFY2(after.status == 200 || after.status == 429,
                     qPrintable(QString("request %1 after the restart: %2 %3")
                                    .arg(i)
                                    .arg(after.status)
                                    .arg(QString::fromStdString(after.body))));
        }
        QCOMPARE(server.newMails().size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseOutage)
#include "TestDatabaseOutage.moc"
