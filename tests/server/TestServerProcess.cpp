#include "tests/server/ApiAssertions.h"
#include "tests/support/HeadlessChromium.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/TestPki.h"
#include "tests/support/smtp/SmtpMailbox.h"

#include <Poco/JSON/Object.h>
#include <QRegularExpression>
#include <QtTest>

#include <chrono>

using dcc::test::HeadlessChromium;
using dcc::test::HttpTestClient;
using dcc::test::ServerProcess;
using dcc::test::SmtpMailbox;
using dcc::test::TestPki;

namespace {

constexpr auto kPassword = "Soleil-2024";

Poco::JSON::Object credentials()
{
    Poco::JSON::Object body;
    body.set("identifier", "j.dupont");
    body.set("password", kPassword);
    return body;
}

QString codeIn(const QString& text)
{
    const auto match = QRegularExpression("(?<![0-9])([0-9]{6})(?![0-9])").match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

/// The real dcc-login-server process: HTTPS, its configuration checks, real SMTP delivery,
/// and the hand-off followed by a real browser.
class TestServerProcess : public QObject
{
    Q_OBJECT

    static void addDupont(ServerProcess& server)
    {
        const auto added = server.runCli(
            {"user", "add", "j.dupont", "--email=jean.dupont@hopital.fr", "--name=Jean DUPONT"},
            QByteArray(kPassword) + "\n");
        QVERIFY2(added.exitCode == 0, added.standardError.constData());
    }

private Q_SLOTS:
    // Guide section 3 end to end: password, code mailed through a real SMTP server, code
    // typed, launch URL opened in Chromium, which lands on /dcc/ as Jean DUPONT — over HTTPS.
    void otpLoginThroughSmtpEndsInTheBrowser()
    {
        SmtpMailbox mailbox;
        ServerProcess server;
        server.setTls(true);
        server.set("mail.transport", "smtp");
        server.set("mail.smtp.host", mailbox.host());
        server.set("mail.smtp.port", QString::number(mailbox.port()));
        server.set("mail.smtp.tls", "none");
        server.set("mail.from", "Webdcr@onco-hdf.fr");
        server.set("mail.fromName", "DCC ONCO HDF");
        addDupont(server);
        server.start();
        HttpTestClient client(server.baseUrl(), server.caFile());

        const auto started = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        QCOMPARE(started.json()->getValue<std::string>("channel"),
                 std::string("j***.d***@hopital.fr"));
        const auto mail = mailbox.waitForMail("jean.dupont@hopital.fr", 10000);
        QVERIFY2(!mail.isNull(), "no mail arrived at the SMTP server");
        QCOMPARE(mail.header("Subject"), QString("Votre code de connexion au DCC"));
        QVERIFY(mail.header("From").contains("Webdcr@onco-hdf.fr"));
        QVERIFY(mail.body().contains("10 minutes"));
        const QString code = codeIn(mail.body());
        QCOMPARE(code.size(), 6);

        Poco::JSON::Object verify;
        verify.set("flow", started.json()->getValue<std::string>("flow"));
        verify.set("code", code.toStdString());
        const auto done = client.postJson("/api/v1/auth/otp/verify", verify);
        DCC_COMPARE_ANSWER(done, 200, "");
        const QString launchUrl =
            QString::fromStdString(done.json()->getValue<std::string>("launch_url"));
        QVERIFY(launchUrl.startsWith(server.baseUrl() + "/launch?ticket="));

        const QString dom = HeadlessChromium::dumpDom(launchUrl);
        QVERIFY2(dom.contains("id=\"user-name\">Jean DUPONT<"), qPrintable(dom.left(2000)));
        QVERIFY(dom.contains("id=\"user-identifier\">j.dupont<"));
        // Neither the code nor the ticket is ever logged.
        const QString ticket = launchUrl.mid(launchUrl.indexOf("ticket=") + 7);
        QVERIFY(!server.output().contains(code));
        QVERIFY(!server.output().contains(ticket));
    }

    void httpsCookieIsHostPrefixedAndSecure()
    {
        ServerProcess server;
        server.setTls(true);
        addDupont(server);
        server.start();
        HttpTestClient client(server.baseUrl(), server.caFile());
        const auto started = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        const QStringList mails = server.waitForOutboxMessages(1);
        Poco::JSON::Object verify;
        verify.set("flow", started.json()->getValue<std::string>("flow"));
        verify.set(
            "code",
            ServerProcess::codeFromMail(ServerProcess::readMail(mails.last())).toStdString());
        const auto done = client.postJson("/api/v1/auth/otp/verify", verify);
        DCC_COMPARE_ANSWER(done, 200, "");
        const std::string url = done.json()->getValue<std::string>("launch_url");
        const auto launched = client.get(url.substr(url.find("/launch")));
        QCOMPARE(launched.status, 302);
        const std::string line = launched.setCookie("__Host-dcc_session");
        QVERIFY2(!line.empty(), launched.header("Set-Cookie").c_str());
        for (const char* attribute : {"; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure"})
            QVERIFY2(line.find(attribute) != std::string::npos, attribute);
        QVERIFY(line.find("Domain") == std::string::npos);
        QVERIFY(launched.header("Strict-Transport-Security").starts_with("max-age="));
    }

    void onlyTls12AndNewerAreSpoken()
    {
        ServerProcess server;
        server.setTls(true);
        server.start();
        using Tls = HttpTestClient::TlsVersion;
        const auto old =
            HttpTestClient::tlsHandshake("localhost", server.port(), server.caFile(), Tls::Tls1_1);
        QVERIFY2(!old.succeeded, old.protocol.c_str());
        const auto tls12 =
            HttpTestClient::tlsHandshake("localhost", server.port(), server.caFile(), Tls::Tls1_2);
        QVERIFY2(tls12.succeeded, tls12.error.c_str());
        QCOMPARE(tls12.protocol, std::string("TLSv1.2"));
        const auto tls13 =
            HttpTestClient::tlsHandshake("localhost", server.port(), server.caFile(), Tls::Tls1_3);
        QVERIFY2(tls13.succeeded, tls13.error.c_str());
    }

    void badConfigurationStopsStartUpNamingTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain HTTP off loopback") << "server.address"
                                                 << "0.0.0.0";
        QTest::newRow("port not a number") << "server.port"
                                           << "eighty";
        QTest::newRow("port out of range") << "server.port"
                                           << "70000";
        QTest::newRow("origin missing") << "server.publicOrigin"
                                        << "";
        QTest::newRow("origin with a path") << "server.publicOrigin"
                                            << "http://127.0.0.1:1/dcc";
        QTest::newRow("unknown mail transport") << "mail.transport"
                                                << "pigeon";
        QTest::newRow("sender not an address") << "mail.from"
                                               << "webdcr";
        QTest::newRow("negative lifetime") << "otp.lifetime"
                                           << "-5";
        QTest::newRow("certificate missing") << "tls.certificate"
                                             << "/nonexistent/server.pem";
        QTest::newRow("external DCC without audience and key") << "dcc.url"
                                                               << "https://dcc.example.fr/";
    }
    void badConfigurationStopsStartUpNamingTheKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        ServerProcess server;
        server.set(key, value);
        if (key == "tls.certificate")
            server.set("tls.privateKey", "/nonexistent/server.key");
        if (key.startsWith("cps.") && key != "cps.trustStore") {
            server.set("cps.trustStore", TestPki::path("trust-store.pem"));
            if (key != "cps.crl")
                server.set("cps.crl", TestPki::path("personnes-ca.crl.pem"));
        }
        const auto run = server.runCli({});
        QCOMPARE(run.exitCode, 78);
        const QString said = QString::fromUtf8(run.standardError);
        QVERIFY2(said.contains(key), qPrintable(said));
    }

    void smtpDownAnswers503Fast()
    {
        ServerProcess server;
        server.set("mail.transport", "smtp");
        server.set("mail.smtp.host", "127.0.0.1");
        server.set("mail.smtp.port", "9"); // discard port: nothing listens there
        server.set("mail.smtp.tls", "none");
        addDupont(server);
        server.start();
        HttpTestClient client(server.baseUrl());
        const auto started = std::chrono::steady_clock::now();
        const auto answer = client.postJson("/api/v1/auth/otp", credentials());
        const auto elapsed = std::chrono::steady_clock::now() - started;
        DCC_COMPARE_ANSWER(answer, 503, "mail_unavailable");
        QVERIFY(elapsed < std::chrono::seconds(2));
        // No half-made flow: the audit says so, and the quota was not spent.
        const auto audit = server.runCli({"audit", "tail", "--count=5"});
        QVERIFY(QString::fromUtf8(audit.standardOutput).contains("mail_unavailable"));
        for (int i = 0; i < 5; ++i)
            DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials()), 503,
                               "mail_unavailable");
    }

    void ambiguousFramingIsRefused()
    {
        ServerProcess server;
        server.start();
        HttpTestClient client(server.baseUrl());
        const auto twoLengths = client.sendRaw(
            "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            "application/json\r\n"
            "Content-Length: 2\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{}");
        QCOMPARE(twoLengths.status, 400);
        QCOMPARE(client.get("/healthz").status, 200);
    }

    void stopsCleanlyOnSigterm()
    {
        ServerProcess server;
        server.start();
        server.stop();
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(!server.crashed());
        QVERIFY(server.output().contains("stopping"));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "TestServerProcess.moc"
