#include "tests/server/ApiAssertions.h"
#include "tests/server/RequestBodies.h"
#include "tests/server/TestDatabases.h"
#include "tests/support/ServerProcess.h"

#include <Poco/JSON/Object.h>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using dcc::test::HttpTestClient;
using dcc::test::ServerProcess;
using dcc::test::TestDatabases;

namespace {

constexpr auto kPassword = "Soleil-2024";

Poco::JSON::Object credentials(const std::string& identifier)
{
    return dcc::test::credentials(identifier, kPassword);
}

QString stdoutOf(const ServerProcess::CliResult& result)
{
    return QString::fromUtf8(result.standardOutput + result.standardError);
}

} // namespace

/// docs/deployment.md's move from one SQLite server to PostgreSQL, with the real binary:
/// `db export` on the SQLite installation, `db import` into an empty PostgreSQL database,
/// and the server on PostgreSQL carries on where the SQLite one stopped — accounts,
/// passwords, a live browser session, the audit trail, new accounts numbered after the old.
class TestDatabaseMove : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    void usePostgreSQL(ServerProcess& server, const std::string& connection)
    {
        server.unset("database.path");
        server.set("database.driver", "postgresql");
        server.set("database.url", QString::fromStdString(connection));
        server.set("security.keyFile", m_dir.filePath("server.key"));
    }

private Q_SLOTS:
    void sqliteInstallationMovesToPostgreSQL()
    {
        // The SQLite installation, in use: two accounts, a login, a browser session.
        ServerProcess sqlite;
        sqlite.set("security.keyFile", m_dir.filePath("server.key"));
        for (const auto& [identifier, name] :
             {std::pair{"j.dupont", "Jean DUPONT"}, std::pair{"a.martin", "Aline MARTIN"}}) {
            const auto added = sqlite.runCli({"user", "add", identifier,
                                              QString("--email=%1@hopital.fr").arg(identifier),
                                              QString("--name=%1").arg(name)},
                                             QByteArray(kPassword) + "\n");
            QVERIFY2(added.exitCode == 0, qPrintable(stdoutOf(added)));
        }
        sqlite.start();
        std::string cookie;
        {
            HttpTestClient client(sqlite.baseUrl());
            const auto started = client.postJson("/api/v1/auth/otp", credentials("j.dupont"));
            DCC_COMPARE_ANSWER(started, 200, "");
            const QString code = ServerProcess::codeFromMail(
                ServerProcess::readMail(sqlite.waitForOutboxMessages(1).front()));
            Poco::JSON::Object body;
            body.set("flow", started.json()->getValue<std::string>("flow"));
            body.set("code", code.toStdString());
            const auto verified = client.postJson("/api/v1/auth/otp/verify", body);
            DCC_COMPARE_ANSWER(verified, 200, "");
            const std::string url = verified.json()->getValue<std::string>("launch_url");
            const auto launched = client.get(url.substr(sqlite.baseUrl().toStdString().size()));
            QCOMPARE(launched.status, 302);
            cookie = "dcc_session=" + launched.cookie("dcc_session").value_or("");
        }
        sqlite.stop();
        const QString dump = m_dir.filePath("dump.jsonl");
        const auto exported = sqlite.runCli({"db", "export", dump});
        QVERIFY2(exported.exitCode == 0, qPrintable(stdoutOf(exported)));
        QVERIFY2(stdoutOf(exported).contains("2 accounts"), qPrintable(stdoutOf(exported)));

        // The PostgreSQL installation, on an empty database.
        const std::string connection =
            TestDatabases::fresh(m_dir.filePath("unused.db").toStdString()).location;
        ServerProcess postgres;
        usePostgreSQL(postgres, connection);

        // Files that are not exports change nothing.
        QFile bad(m_dir.filePath("bad.jsonl"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\":\"something else\"}\n");
        bad.close();
        const auto refused = postgres.runCli({"db", "import", bad.fileName()});
        QCOMPARE(refused.exitCode == 0, false);
        QVERIFY2(stdoutOf(refused).contains("Nothing was imported"), qPrintable(stdoutOf(refused)));

        const auto imported = postgres.runCli({"db", "import", dump});
        QVERIFY2(imported.exitCode == 0, qPrintable(stdoutOf(imported)));
        QVERIFY2(stdoutOf(imported).contains("2 accounts"), qPrintable(stdoutOf(imported)));
        // Twice would duplicate: the second import is refused as a whole.
        const auto again = postgres.runCli({"db", "import", dump});
        QCOMPARE(again.exitCode == 0, false);
        QVERIFY2(stdoutOf(again).contains("not empty"), qPrintable(stdoutOf(again)));

        // A new account is numbered after the moved ones.
        const auto added = postgres.runCli(
            {"user", "add", "p.leroy", "--email=p.leroy@hopital.fr", "--name=Paul LEROY"},
            QByteArray(kPassword) + "\n");
        QVERIFY2(added.exitCode == 0, qPrintable(stdoutOf(added)));
        QVERIFY2(stdoutOf(added).contains("Created account 3 "), qPrintable(stdoutOf(added)));
        // The audit trail came along (the first login's steps are in it).
        const auto audit = postgres.runCli({"audit", "tail", "--count=50"});
        QVERIFY2(stdoutOf(audit).contains("admin.db_import"), qPrintable(stdoutOf(audit)));
        QVERIFY2(stdoutOf(audit).contains("j.dupont"), qPrintable(stdoutOf(audit)));

        postgres.start();
        HttpTestClient client(postgres.baseUrl());
        // The browser session made on SQLite is still open, and the password still works.
        const auto session = client.get("/api/v1/session", {{"Cookie", cookie}});
        DCC_COMPARE_ANSWER(session, 200, "");
        QCOMPARE(session.json()->getValue<std::string>("identifier"), std::string("j.dupont"));
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials("a.martin")), 200, "");
    }
};

QTEST_GUILESS_MAIN(TestDatabaseMove)
#include "TestDatabaseMove.moc"
