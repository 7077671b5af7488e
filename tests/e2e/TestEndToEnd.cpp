#include "client/api/ApiCall.h"
#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/card/CardService.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"
#include "tests/support/BrowserScript.h"
#include "tests/support/HeadlessChromium.h"
#include "tests/support/HttpTestClient.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/TestPki.h"
#include "tests/support/cac/VirtualCacCard.h"
#include "tests/support/pcsc/Pcscd.h"
#include "tests/support/smtp/SmtpMailbox.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

using namespace dcc::client;
using dcc::test::HeadlessChromium;
using dcc::test::ServerProcess;
using dcc::test::SmtpMailbox;
using dcc::test::VirtualCacCard;

namespace {

constexpr int kDeadlineMs = 30000;

// The browser the client opens: headless Chromium, whose final page is kept.
class ChromiumLauncher final : public BrowserLauncher
{
public:
    bool open(const QUrl& url) override
    {
        launched = url;
        dom = HeadlessChromium::dumpDom(url.toString());
        return true;
    }
    QUrl launched;
    QString dom;
};

// Stands in for the real DCC: answers a page and keeps the URI the browser asked for.
class StandInDcc
{
public:
    StandInDcc()
        : m_server(new Factory(*this),
                   Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
                   new Poco::Net::HTTPServerParams)
    {
        m_server.start();
    }
    ~StandInDcc() { m_server.stopAll(true); }
    [[nodiscard]] quint16 port() const { return m_server.port(); }
    [[nodiscard]] QString lastRequest() const
    {
        const std::lock_guard lock(m_mutex);
        return m_lastRequest;
    }

private:
    class Page final : public Poco::Net::HTTPRequestHandler
    {
    public:
        explicit Page(StandInDcc& owner)
            : m_owner(owner)
        {}
        void handleRequest(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) override
        {
            {
                const std::lock_guard lock(m_owner.m_mutex);
                if (request.getURI().find("assertion=") != std::string::npos) // not /favicon.ico
                    m_owner.m_lastRequest = QString::fromStdString(request.getURI());
            }
            const std::string body = "<p id=\"dcc\">DCC</p>";
            response.setContentType("text/html");
            response.setContentLength64(static_cast<Poco::Int64>(body.size()));
            response.sendBuffer(body.data(), body.size());
        }

    private:
        StandInDcc& m_owner;
    };
    class Factory final : public Poco::Net::HTTPRequestHandlerFactory
    {
    public:
        explicit Factory(StandInDcc& owner)
            : m_owner(owner)
        {}
        Poco::Net::HTTPRequestHandler*
        createRequestHandler(const Poco::Net::HTTPServerRequest&) override
        {
            return new Page(m_owner);
        }

    private:
        StandInDcc& m_owner;
    };

    mutable std::mutex m_mutex;
    QString m_lastRequest;
    Poco::Net::HTTPServer m_server;
};

QString codeIn(const QString& text)
{
    return QRegularExpression("(?m)^([0-9]{6})\\s*$").match(text).captured(1);
}

} // namespace

/// The product as one: the client window (offscreen) → the real server process over
/// HTTPS → real SMTP / a virtual card in a virtual reader → headless Chromium on the DCC.
class TestEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

    struct Client
    {
        ClientSettings settings;
        ServerApi api;
        ChromiumLauncher browser;
        OtpLoginController otp;
        LoginWindow window;

        Client(const QString& settingsDir, ServerProcess& server)
            : settings(settingsDir + "/policy.ini", settingsDir + "/user.ini")
            , api(QUrl(server.baseUrl()),
                  ServerApi::Options{server.caFile(), ServerApi::kDefaultTimeout})
            , otp(api, browser)
            , window(api, otp, settings)
        {
            window.show();
        }
        QLineEdit* edit(const char* name) { return window.findChild<QLineEdit*>(name); }
        QPushButton* button(const char* name) { return window.findChild<QPushButton*>(name); }
        QString page()
        {
            return window.findChild<QStackedWidget*>("pages")->currentWidget()->objectName();
        }
    };

    static void configureSmtp(ServerProcess& server, const SmtpMailbox& mailbox)
    {
        server.set("mail.transport", "smtp");
        server.set("mail.smtp.host", mailbox.host());
        server.set("mail.smtp.port", QString::number(mailbox.port()));
        server.set("mail.smtp.tls", "none");
    }

    static void addUser(ServerProcess& server, const QString& identifier, const QString& email,
                        const QString& name, const QByteArray& password,
                        const QString& nationalId = {})
    {
        QStringList args = {"user", "add", identifier, "--email=" + email, "--name=" + name};
        if (!nationalId.isEmpty())
            args << "--national-id=" + nationalId;
        const auto added = server.runCli(args, password + "\n");
        QVERIFY2(added.exitCode == 0, added.standardError.constData());
    }

    // Identifier, password, "Se connecter", the code from the mailbox, "S'authentifier".
    static void otpLogin(Client& client, SmtpMailbox& mailbox, const QString& identifier,
                         const QString& password, const QString& email)
    {
        QTest::keyClicks(client.edit("identifierEdit"), identifier);
        QTest::keyClicks(client.edit("passwordEdit"), password);
        QTest::mouseClick(client.button("otpButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(client.page(), QString("otpPage"), kDeadlineMs);
        const auto mail = mailbox.waitForMail(email, kDeadlineMs);
        QVERIFY(!mail.isNull());
        QTest::keyClicks(client.edit("codeEdit"), codeIn(mail.body()));
        QTest::mouseClick(client.button("verifyButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!client.browser.dom.isEmpty(), kDeadlineMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Translations::apply("fr");
        qputenv("OPENSC_CONF", DCC_TEST_CARD_DIR "/opensc.conf");
    }

    // 1. OTP: the client → server → real SMTP → code typed → Chromium lands on /dcc/.
    void otpLoginLandsOnTheDcc()
    {
        SmtpMailbox mailbox;
        ServerProcess server;
        server.setTls(true);
        configureSmtp(server, mailbox);
        addUser(server, "e.otp", "e2e.otp@hopital.fr", "Emma OTP", "Soleil-2024");
        server.start();
        Client client(m_settingsDir.filePath("otp"), server);
        otpLogin(client, mailbox, "e.otp", "Soleil-2024", "e2e.otp@hopital.fr");
        QVERIFY2(client.browser.dom.contains("id=\"user-name\">Emma OTP<"),
                 qPrintable(client.browser.dom.left(1500)));
        QVERIFY(client.browser.dom.contains("id=\"login-method\""));
    }

    // 2. CPS: a virtual card in the virtual reader → seen by the client → token through
    //    PKCS#11 (OpenSC) → PIN → server verifies → Chromium lands on /dcc/ as the holder.
    void cardLoginLandsOnTheDcc()
    {
        QVERIFY(dcc::test::Pcscd::waitUntilReadersEmpty());
        ServerProcess server;
        server.setTls(true);
        server.set("cps.trustStore", dcc::test::TestPki::path("trust-store.pem"));
        server.set("cps.crl", dcc::test::TestPki::path("personnes-ca.crl.pem"));
        addUser(server, "j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", "Soleil-2024",
                "810001234567");
        server.start();
        Client client(m_settingsDir.filePath("cps"), server);
        dcc::card::CardService::Options options;
        options.modules.configuredPath = QStringLiteral(DCC_TEST_OPENSC_MODULE);
        options.modules.useP11Kit = false;
        options.modules.cryptolibPaths = QStringList{};
        dcc::card::CardService cards(options);
        CpsLoginController cps(client.api, cards, client.browser);
        client.window.setCardLogin(cps, cards);

        VirtualCacCard card;
        card.insert();
        QTRY_VERIFY_WITH_TIMEOUT(
            client.window.findChild<QLabel*>("cardStatusLabel")->text().contains("Carte insérée"),
            kDeadlineMs);
        QTest::keyClicks(client.edit("identifierEdit"), "j.dupont");
        QTest::keyClicks(client.edit("passwordEdit"), "Soleil-2024");
        QTest::mouseClick(client.button("cpsButton"), Qt::LeftButton);
        // The card page's widgets exist once the window first shows it.
        QTRY_COMPARE_WITH_TIMEOUT(client.page(), QString("cardPage"), kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            client.window.findChild<QLabel*>("holderLabel")->text().contains("JEAN DUPONT"),
            kDeadlineMs);
        QTest::keyClicks(client.edit("pinEdit"), QString::fromLatin1(VirtualCacCard::pin()));
        QTest::keyClick(client.edit("pinEdit"), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!client.browser.dom.isEmpty(), kDeadlineMs);
        QVERIFY2(client.browser.dom.contains("id=\"user-name\">Jean DUPONT<"),
                 qPrintable(client.browser.dom.left(1500)));
        QVERIFY(client.browser.dom.contains("810001234567"));
        card.remove();
    }

    // 3. The password reset through the mailed link in Chromium, then an OTP login with the
    //    new password in the client.
    void resetInTheBrowserThenLogIn()
    {
        SmtpMailbox mailbox;
        ServerProcess server;
        configureSmtp(server, mailbox);
        addUser(server, "r.reset", "e2e.reset@hopital.fr", "Rémi RESET", "Soleil-2024");
        server.start();
        Client client(m_settingsDir.filePath("reset"), server);
        // "Mot de passe oublié ?" opens a modal dialog (driven in TestLoginWindow): here the
        // request it sends.
        ApiCall* call = client.api.forgotPassword("r.reset");
        QSignalSpy done(call, &ApiCall::succeeded);
        QVERIFY(done.wait(kDeadlineMs));
        const auto mail = mailbox.waitForMail("e2e.reset@hopital.fr", kDeadlineMs);
        const QString link = QRegularExpression("http://\\S+/reset\\?token=[A-Za-z0-9_-]+")
                                 .match(mail.body())
                                 .captured(0);
        QVERIFY2(!link.isEmpty(), qPrintable(mail.body()));
        const QJsonObject seen =
            dcc::test::BrowserScript::run("reset-password.mjs", {link, "soleil", "Printemps-2025"});
        QVERIFY(seen.value("afterStrongSubmit").toObject().value("done").toBool());
        otpLogin(client, mailbox, "r.reset", "Printemps-2025", "e2e.reset@hopital.fr");
        QVERIFY(client.browser.dom.contains("Rémi RESET"));
    }

    // 4. The same OTP login against a server that hands over to a real DCC: the assertion
    //    reaching the stand-in DCC verifies with the key of the JWKS document.
    void assertionReachesTheDcc()
    {
        // The stand-in DCC, on Poco's own threads: the browser is driven synchronously from
        // the test's event loop, which therefore cannot serve it.
        StandInDcc dcc;
        QTemporaryDir keys;
        const QString keyFile = keys.filePath("dcc-signing.pem");
        QVERIFY(QProcess::execute("openssl", {"genpkey", "-algorithm", "EC", "-pkeyopt",
                                              "ec_paramgen_curve:P-256", "-out", keyFile}) == 0);
        SmtpMailbox mailbox;
        ServerProcess server;
        server.setTls(true);
        configureSmtp(server, mailbox);
        server.set("dcc.url", QString("http://localhost:%1/dcc/entree").arg(dcc.port()));
        server.set("dcc.audience", "urn:dcc:test");
        server.set("dcc.signingKey", keyFile);
        addUser(server, "a.assert", "e2e.assert@hopital.fr", "Anne ASSERT", "Soleil-2024");
        server.start();
        Client client(m_settingsDir.filePath("dcc"), server);
        otpLogin(client, mailbox, "a.assert", "Soleil-2024", "e2e.assert@hopital.fr");
        QVERIFY2(client.browser.dom.contains("id=\"dcc\""),
                 qPrintable(client.browser.dom.left(800)));
        const QString request = dcc.lastRequest();
        const QString assertion =
            QRegularExpression("assertion=([A-Za-z0-9_.-]+)").match(request).captured(1);
        QVERIFY2(!assertion.isEmpty(), qPrintable(request));

        // Verified with the JWKS key by OpenSSL alone: the JWK rebuilt as a PEM public key.
        const auto jwks = dcc::test::HttpTestClient(server.baseUrl(), server.caFile())
                              .get("/.well-known/jwks.json")
                              .json();
        const auto jwk = jwks->getArray("keys")->getObject(0);
        QCOMPARE(jwk->getValue<std::string>("alg"), std::string("ES256"));
        const QStringList parts = assertion.split('.');
        QCOMPARE(parts.size(), 3);
        const QByteArray payload =
            QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding);
        QVERIFY(payload.contains("\"sub\":\"a.assert\""));
        QVERIFY(payload.contains("\"aud\":\"urn:dcc:test\""));
        QVERIFY(payload.contains("\"amr\":[\"pwd\",\"otp\"]"));
        QVERIFY(verifyEs256(
            parts[0] + "." + parts[1],
            QByteArray::fromBase64(parts[2].toLatin1(), QByteArray::Base64UrlEncoding),
            QByteArray::fromBase64(QByteArray::fromStdString(jwk->getValue<std::string>("x")),
                                   QByteArray::Base64UrlEncoding),
            QByteArray::fromBase64(QByteArray::fromStdString(jwk->getValue<std::string>("y")),
                                   QByteArray::Base64UrlEncoding)));
    }

private:
    // JWS ES256: r || s over "header.payload", checked with `openssl dgst` against the
    // P-256 point (x, y) of the JWK, written as a DER SubjectPublicKeyInfo.
    static bool verifyEs256(const QString& signedPart, const QByteArray& rs, const QByteArray& x,
                            const QByteArray& y)
    {
        if (rs.size() != 64 || x.size() != 32 || y.size() != 32)
            return false;
        QTemporaryDir dir;
        // SubjectPublicKeyInfo for an uncompressed P-256 point: fixed DER prefix + 04 || x || y.
        const QByteArray spki =
            QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200") + '\x04' +
            x + y;
        auto der = [](QByteArray integer) {
            while (integer.size() > 1 && integer[0] == '\0' && !(integer[1] & 0x80))
                integer.remove(0, 1);
            if (integer[0] & 0x80)
                integer.prepend('\0');
            return QByteArray("\x02") + char(integer.size()) + integer;
        };
        const QByteArray body = der(rs.left(32)) + der(rs.mid(32));
        const QByteArray signature = QByteArray("\x30") + char(body.size()) + body;
        auto write = [&dir](const QString& name, const QByteArray& data) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(data);
            return file.fileName();
        };
        const int status = QProcess::execute("openssl", {"dgst", "-sha256", "-keyform", "DER",
                                                         "-verify", write("key.der", spki),
                                                         "-signature", write("sig.der", signature),
                                                         write("data", signedPart.toLatin1())});
        return status == 0;
    }
};

QTEST_MAIN(TestEndToEnd)
#include "TestEndToEnd.moc"
