#include "tests/server/ApiAssertions.h"
#include "tests/support/ServerProcess.h"

#include <Poco/JSON/Object.h>
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

using dcc::test::HttpTestClient;
using dcc::test::ServerProcess;
using Result = ServerProcess::CliResult;

namespace {

constexpr auto kPassword = "Soleil-2024";

QString out(const Result& result)
{
    return QString::fromUtf8(result.standardOutput);
}
QString err(const Result& result)
{
    return QString::fromUtf8(result.standardError);
}

int loginStatus(ServerProcess& server, const std::string& identifier, const std::string& password)
{
    HttpTestClient client(server.baseUrl());
    Poco::JSON::Object body;
    body.set("identifier", identifier);
    body.set("password", password);
    return client.postJson("/api/v1/auth/otp", body).status;
}

} // namespace

/// The administration commands of dcc-login-server, run as an administrator would.
class TestAdminCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;

    Result cli(const QStringList& args, const QByteArray& input = {})
    {
        return m_server->runCli(args, input);
    }
    void addDupont()
    {
        const Result added = cli({"user", "add", "j.dupont", "--email=jean.dupont@hopital.fr",
                                  "--name=Jean DUPONT", "--national-id=810001234567"},
                                 QByteArray(kPassword) + "\n");
        QVERIFY2(added.exitCode == 0, added.standardError.constData());
    }

private Q_SLOTS:
    void init() { m_server = std::make_unique<ServerProcess>(); }
    void cleanup() { m_server.reset(); }

    void addListShowRoundTrip()
    {
        addDupont();
        const Result list = cli({"user", "list"});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(out(list).contains("j.dupont"));
        QVERIFY(out(list).contains("Jean DUPONT <jean.dupont@hopital.fr>"));
        const Result show = cli({"user", "show", "j.dupont"});
        QCOMPARE(show.exitCode, 0);
        QVERIFY(out(show).contains("national id:  810001234567"));
        QVERIFY(out(show).contains("status:       active"));
        QVERIFY(out(show).contains("password:     set"));
        QCOMPARE(out(cli({"user", "show", "1"})), out(show)); // by number too
        m_server->start();
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 200);
    }

    void addRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("message");
        const QStringList base = {"user", "add", "j.martin", "--email=j.martin@hopital.fr",
                                  "--name=Jean MARTIN"};
        QTest::newRow("weak password") << base << QByteArray("soleil\n") << "min_length, uppercase";
        QTest::newRow("password is the identifier")
            << base << QByteArray("J.Martin\n") << "not_identifier";
        QTest::newRow("bad identifier")
            << QStringList{"user", "add", "jean.martin", "--email=j@h.fr", "--name=J"}
            << QByteArray("Soleil-2024\n") << "j.dupont";
        QTest::newRow("bad e-mail")
            << QStringList{"user", "add", "j.martin", "--email=nowhere", "--name=J"}
            << QByteArray("Soleil-2024\n") << "--email";
        QTest::newRow("no name") << QStringList{"user", "add", "j.martin", "--email=j@h.fr"}
                                 << QByteArray("Soleil-2024\n") << "--name";
        QTest::newRow("bad national id")
            << QStringList{"user",           "add",      "j.martin",
                           "--email=j@h.fr", "--name=J", "--national-id=8123"}
            << QByteArray("Soleil-2024\n") << "--national-id";
    }
    void addRefusesBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, password);
        QFETCH(QString, message);
        const Result result = cli(args, password);
        QCOMPARE(result.exitCode, 65);
        QVERIFY2(err(result).contains(message), qPrintable(err(result)));
        QVERIFY(!out(cli({"user", "list"})).contains("j.martin"));
        QVERIFY(!err(result).contains(QString::fromUtf8(password.trimmed()))); // never echoed
    }

    void duplicatesAreRefused()
    {
        addDupont();
        const Result again = cli({"user", "add", "J.Dupont", "--email=x@h.fr", "--name=X"},
                                 QByteArray(kPassword) + "\n");
        QCOMPARE(again.exitCode, 65);
        QVERIFY(err(again).contains("already used"));
        const Result sameCard = cli(
            {"user", "add", "a.autre", "--email=x@h.fr", "--name=X", "--national-id=810001234567"},
            QByteArray(kPassword) + "\n");
        QCOMPARE(sameCard.exitCode, 65);
    }

    void disableAndEnable()
    {
        addDupont();
        m_server->start();
        QCOMPARE(cli({"user", "disable", "j.dupont"}).exitCode, 0);
        QVERIFY(out(cli({"user", "show", "j.dupont"})).contains("status:       disabled"));
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 401);
        QCOMPARE(cli({"user", "enable", "j.dupont"}).exitCode, 0);
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 200);
    }

    void unlockLiftsALock()
    {
        m_server->set("throttle.account.freeFailures", "100");
        m_server->set("throttle.account.lockFailures", "2");
        addDupont();
        m_server->start();
        QCOMPARE(loginStatus(*m_server, "j.dupont", "Wrong-pass1"), 401);
        QCOMPARE(loginStatus(*m_server, "j.dupont", "Wrong-pass1"), 401);
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 401); // locked
        QVERIFY(!out(cli({"user", "show", "j.dupont"})).contains("locked until: -"));
        QCOMPARE(cli({"user", "unlock", "j.dupont"}).exitCode, 0);
        QVERIFY(out(cli({"user", "show", "j.dupont"})).contains("locked until: -"));
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 200);
    }

    void setPasswordEmailAndNationalId()
    {
        addDupont();
        m_server->start();
        QCOMPARE(cli({"user", "set-password", "j.dupont"}, "Lune-2025x\n").exitCode, 0);
        QCOMPARE(loginStatus(*m_server, "j.dupont", kPassword), 401);
        QCOMPARE(loginStatus(*m_server, "j.dupont", "Lune-2025x"), 200);
        QCOMPARE(cli({"user", "set-password", "j.dupont"}, "weak\n").exitCode, 65);

        QCOMPARE(cli({"user", "set-email", "j.dupont", "--email=jdupont@chu-lille.fr"}).exitCode,
                 0);
        HttpTestClient client(m_server->baseUrl());
        Poco::JSON::Object body;
        body.set("identifier", "j.dupont");
        body.set("password", "Lune-2025x");
        QCOMPARE(client.postJson("/api/v1/auth/otp", body).json()->getValue<std::string>("channel"),
                 std::string("j***@chu-lille.fr"));
        QCOMPARE(cli({"user", "set-email", "j.dupont", "--email=broken"}).exitCode, 65);

        QCOMPARE(cli({"user", "set-national-id", "j.dupont", "--national-id=0751234567"}).exitCode,
                 0);
        QVERIFY(out(cli({"user", "show", "j.dupont"})).contains("national id:  0751234567"));
        QCOMPARE(cli({"user", "set-national-id", "j.dupont", "--national-id="}).exitCode, 0);
        QVERIFY(out(cli({"user", "show", "j.dupont"})).contains("national id:  -"));
    }

    void importTakesTheWholeFileOrNothing()
    {
        addDupont();
        const QString good = m_server->dataDir() + "/good.csv";
        QFile goodFile(good);
        QVERIFY(goodFile.open(QIODevice::WriteOnly));
        goodFile.write(
            "\xEF\xBB\xBFidentifier,email,display_name,national_id\r\n"
            "a.martin-durand,aline.martin@clinique.fr,\"MARTIN-DURAND, Aline\",0751234567\r\n"
            "l.o'neil,liam.oneil@hopital.fr,Liam O'NEIL,\r\n");
        goodFile.close();
        const QString bad = m_server->dataDir() + "/bad.csv";
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("identifier,email,display_name\n"
                      "p.petit,paul.petit@hopital.fr,Paul PETIT\n"
                      "pierre.grand,pierre.grand@hopital.fr,Pierre GRAND\n"
                      "j.dupont,jean@hopital.fr,Jean\n");
        badFile.close();

        const Result refused = cli({"user", "import", bad});
        QCOMPARE(refused.exitCode, 65);
        QVERIFY2(err(refused).contains("bad.csv:3:"), qPrintable(err(refused)));
        QVERIFY(err(refused).contains("j.dupont already exists"));
        QVERIFY(err(refused).contains("Nothing was imported"));
        QVERIFY(!out(cli({"user", "list"})).contains("p.petit"));

        const Result imported = cli({"user", "import", good});
        QVERIFY2(imported.exitCode == 0, imported.standardError.constData());
        QVERIFY(out(imported).contains("Imported 2 accounts"));
        const QString list = out(cli({"user", "list"}));
        QVERIFY(list.contains("a.martin-durand"));
        QVERIFY(list.contains("MARTIN-DURAND, Aline"));
        QVERIFY(list.contains("l.o'neil"));
        QVERIFY(out(cli({"user", "show", "a.martin-durand"})).contains("password:     not set"));
    }

    void auditTailShowsAdminActionsWithoutSecrets()
    {
        addDupont();
        QCOMPARE(cli({"user", "disable", "j.dupont"}).exitCode, 0);
        const Result tail = cli({"audit", "tail", "--count=2"});
        QCOMPARE(tail.exitCode, 0);
        const QStringList lines = out(tail).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].contains("admin.user_add"));
        QVERIFY(lines[1].contains("admin.user_disable"));
        QVERIFY(!out(cli({"audit", "tail", "--count=100"})).contains(kPassword));
        QFile database(m_server->dataDir() + "/dcc-login.db");
        QVERIFY(database.open(QIODevice::ReadOnly));
        QVERIFY(!database.readAll().contains(kPassword));
    }

    void usageErrors()
    {
        QCOMPARE(cli({"user", "frobnicate"}).exitCode, 64);
        QCOMPARE(cli({"user", "show"}).exitCode, 64);
        QCOMPARE(cli({"user", "show", "z.nobody"}).exitCode, 67);
        QCOMPARE(cli({"audit", "tail", "--count=many"}).exitCode, 64);
        const Result help = m_server->runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(out(help).contains("user import FILE.csv"));
    }

    // A database the CLI cannot open is named with the reason, promptly: Poco's session pool
    // used to deadlock when destroyed after such a failure, and its login timeout made the
    // open wait a minute.
    void databaseInAMissingFolderIsExplainedPromptly()
    {
        m_server->set("database.path", "/nonexistent-dcc-folder/dcc-login.db");
        QElapsedTimer timer;
        timer.start();
        const Result listed = m_server->runCli({"user", "list"}, {}, 20000);
        QCOMPARE(listed.exitCode, 69);
        QVERIFY2(listed.standardError.contains("/nonexistent-dcc-folder does not exist"),
                 listed.standardError.constData());
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "TestAdminCli.moc"
