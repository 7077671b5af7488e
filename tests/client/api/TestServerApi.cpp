#include "client/api/ServerApi.h"
#include "common/CpsChallenge.h"
#include "tests/server/InProcessServer.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/TestPki.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

using dcc::ErrorCode;
using dcc::client::ApiCall;
using dcc::client::ApiError;
using dcc::client::ServerApi;
using dcc::test::InProcessServer;
using dcc::test::ServerProcess;
using dcc::test::TestPki;
using Kind = dcc::client::ApiError::Kind;

namespace {

constexpr auto kPassword = "Soleil-2024";
/// Generous: an answer normally comes in milliseconds; this only bounds a failing test.
constexpr int kAnswerTimeoutMs = 15000;

/// How a call ended, filled by its signals; the counts show "exactly one signal, once".
struct Outcome
{
    int succeeded = 0;
    int failed = 0;
    QJsonObject body;
    ApiError error;

    [[nodiscard]] bool done() const { return succeeded + failed > 0; }
    [[nodiscard]] QString why() const
    {
        return QStringLiteral("succeeded %1, failed %2: %3")
            .arg(succeeded)
            .arg(failed)
            .arg(failed > 0 ? error.description()
                            : QString::fromUtf8(QJsonDocument(body).toJson()));
    }
};

std::shared_ptr<Outcome> watch(ApiCall* call)
{
    auto outcome = std::make_shared<Outcome>();
    QObject::connect(call, &ApiCall::succeeded, [outcome](const QJsonObject& body) {
        ++outcome->succeeded;
        outcome->body = body;
    });
    QObject::connect(call, &ApiCall::failed, [outcome](const ApiError& error) {
        ++outcome->failed;
        outcome->error = error;
    });
    return outcome;
}

QString otherCode(const QString& code)
{
    QString other = code;
    other[0] = other[0] == u'9' ? u'0' : QChar(other[0].unicode() + 1);
    return other;
}

QByteArray toQByteArray(const dcc::Bytes& bytes)
{
    return {reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())};
}

// What the card does, with the key file of the test PKI: RSASSA-PKCS1-v1_5/SHA-256 over
// SHA-256(origin) || SHA-256(nonce).
QByteArray fileKeySignature(const QString& keyFile, const QString& origin, const QString& nonce)
{
    const dcc::Bytes pem = TestPki::bytes(keyFile);
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const dcc::Bytes data =
        dcc::CpsChallenge::signedData(origin.toStdString(), nonce.toStdString());
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(context, nullptr, &length, data.data(), data.size());
    dcc::Bytes signature(length);
    EVP_DigestSign(context, signature.data(), &length, data.data(), data.size());
    signature.resize(length);
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return toQByteArray(signature);
}

/// Every log line written while it lives (to show that no secret is ever logged).
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("dcc.client.api.debug=true"));
        s_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    [[nodiscard]] static QString text() { return s_lines.join(u'\n'); }
    [[nodiscard]] static qsizetype count() { return s_lines.size(); }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        s_lines << message;
        if (s_previous)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_lines;
};

/// A loopback HTTP "server" that reads each request whole and sends one canned answer (or,
/// with an empty answer, never answers): for what the real server never does.
class RawHttpServer
{
public:
    explicit RawHttpServer(QByteArray answer)
        : m_answer(std::move(answer))
    {
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on loopback");
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] { accept(); });
    }

    [[nodiscard]] QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    [[nodiscard]] const QList<QByteArray>& requests() const { return m_requests; }
    [[nodiscard]] const std::vector<std::unique_ptr<QTcpSocket>>& connections() const
    {
        return m_sockets;
    }

    /// The request's head (request line and headers) and its body.
    static std::pair<QByteArray, QByteArray> split(const QByteArray& request)
    {
        const qsizetype end = request.indexOf("\r\n\r\n");
        return {request.left(end), request.mid(end + 4)};
    }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            m_sockets.emplace_back(socket);
            socket->setParent(nullptr);
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, [this, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                qsizetype length = 0;
                for (const QByteArray& line : buffer->left(end).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < end + 4 + length)
                    return;
                m_requests << *buffer;
                buffer->clear();
                if (!m_answer.isEmpty()) {
                    socket->write(m_answer);
                    socket->disconnectFromHost();
                }
            });
        }
    }

    QTcpServer m_server;
    QByteArray m_answer;
    QList<QByteArray> m_requests;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
};

QByteArray httpAnswer(const QByteArray& statusLine, const QByteArray& headers,
                      const QByteArray& body)
{
    return "HTTP/1.1 " + statusLine + "\r\n" + headers +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
           body;
}

} // namespace

// Waits for the call's one signal.
#define DCC_AWAIT(outcome) QTRY_VERIFY_WITH_TIMEOUT((outcome)->done(), kAnswerTimeoutMs)

#define DCC_REQUIRE_SUCCESS(outcome)                                                               \
    do {                                                                                           \
        DCC_AWAIT(outcome);                                                                        \
        QVERIFY2((outcome)->succeeded == 1 && (outcome)->failed == 0,                              \
                 qPrintable((outcome)->why()));                                                    \
    } while (false)

#define DCC_REQUIRE_FAILURE(outcome, expectedKind)                                                 \
    do {                                                                                           \
        DCC_AWAIT(outcome);                                                                        \
        QVERIFY2((outcome)->failed == 1 && (outcome)->succeeded == 0,                              \
                 qPrintable((outcome)->why()));                                                    \
        QVERIFY2((outcome)->error.kind() == (expectedKind), qPrintable((outcome)->why()));         \
    } while (false)

/// ServerApi, the client's side of the protocol: against the whole server in the test
/// process (InProcessServer, with a clock the tests move), the real server process over
/// TLS, and loopback sockets that refuse, never answer, or answer what the server never
/// would.
class TestServerApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<ServerApi> m_api;

    void startServer(const std::function<void(dcc::server::ServerConfig&)>& tweak = {})
    {
        m_server = std::make_unique<InProcessServer>(tweak);
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                             std::string("810001234567"));
        m_api = std::make_unique<ServerApi>(QUrl(m_server->baseUrl()));
    }

    /// Starts an OTP login for Jean Dupont; the flow, or empty after a failure.
    QString startFlow()
    {
        const auto started = watch(m_api->startOtp(QStringLiteral("j.dupont"), kPassword));
        const bool done = QTest::qWaitFor([&] { return started->done(); }, kAnswerTimeoutMs);
        if (!done || started->succeeded != 1) {
            QTest::qFail(qPrintable(started->why()), __FILE__, __LINE__);
            return {};
        }
        return started->body.value(QStringLiteral("flow")).toString();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_api.reset();
        m_server.reset();
    }

    void otpLoginFromPasswordToLaunchUrl()
    {
        startServer();
        LogCapture log;

        ApiCall* startCall = m_api->startOtp(QStringLiteral("j.dupont"), kPassword);
        const QPointer<ApiCall> startPointer(startCall);
        const auto started = watch(startCall);
        QVERIFY(!started->done()); // never before the caller is back in the event loop
        DCC_REQUIRE_SUCCESS(started);
        QCOMPARE(started->body.value("channel").toString(), QString("j***.d***@hopital.fr"));
        QCOMPARE(started->body.value("expires_in").toInt(), 600);
        QCOMPARE(started->body.value("resend_in").toInt(), 30);
        const QString flow = started->body.value("flow").toString();
        QVERIFY(!flow.isEmpty());
        // The call deletes itself once it has spoken.
        QTRY_VERIFY_WITH_TIMEOUT(startPointer.isNull(), kAnswerTimeoutMs);

        const QString code = m_server->newCode();
        QCOMPARE(code.size(), 6);
        const auto verified = watch(m_api->verifyOtp(flow, code));
        DCC_REQUIRE_SUCCESS(verified);
        const QString launchUrl = verified->body.value("launch_url").toString();
        QVERIFY2(launchUrl.startsWith(m_server->baseUrl() + "/launch?ticket="),
                 qPrintable(launchUrl));
        QCOMPARE(verified->body.value("display_name").toString(), QString("Jean DUPONT"));
        QCOMPARE(verified->body.value("expires_in").toInt(), 60);

        // Each call was logged, and no secret was.
        QVERIFY(LogCapture::count() >= 2);
        const QString logged = LogCapture::text();
        QVERIFY(!logged.contains(kPassword));
        QVERIFY(!logged.contains(code));
        QVERIFY(!logged.contains(flow));
        QVERIFY(!logged.contains(launchUrl.mid(launchUrl.indexOf("ticket=") + 7)));
    }

    void wrongCodeIsInvalidCodeWithAttemptsLeft()
    {
        startServer();
        const QString flow = startFlow();
        const QString code = m_server->newCode();
        const auto wrong = watch(m_api->verifyOtp(flow, otherCode(code)));
        DCC_REQUIRE_FAILURE(wrong, Kind::Protocol);
        const ApiError& error = wrong->error;
        QCOMPARE(error.code(), std::optional(ErrorCode::InvalidCode));
        QCOMPARE(error.codeString(), QString("invalid_code"));
        QCOMPARE(error.httpStatus(), 400);
        QCOMPARE(error.attemptsLeft(), std::optional(4));
        QVERIFY(!error.message().isEmpty());
        QCOMPARE(error.body().value("error").toString(), QString("invalid_code"));
        QVERIFY(error.description().contains("invalid_code"));
        QVERIFY(!error.description().contains(code));
    }

    void resendDuringTheCooldownIsRateLimited()
    {
        startServer();
        const QString flow = startFlow();
        (void)m_server->newCode();

        const auto early = watch(m_api->resendOtp(flow));
        DCC_REQUIRE_FAILURE(early, Kind::Protocol);
        QCOMPARE(early->error.code(), std::optional(ErrorCode::RateLimited));
        QCOMPARE(early->error.httpStatus(), 429);
        QVERIFY(early->error.retryAfter().has_value());
        QVERIFY2(*early->error.retryAfter() > 0 && *early->error.retryAfter() <= 30,
                 qPrintable(early->why()));

        m_server->clock().advance(30);
        const auto resent = watch(m_api->resendOtp(flow));
        DCC_REQUIRE_SUCCESS(resent);
        QCOMPARE(resent->body.value("channel").toString(), QString("j***.d***@hopital.fr"));
        QCOMPARE(m_server->newCode().size(), 6);
    }

    void codeTooOldIsCodeExpired()
    {
        startServer();
        const QString flow = startFlow();
        const QString code = m_server->newCode();
        m_server->clock().advance(600);
        const auto late = watch(m_api->verifyOtp(flow, code));
        DCC_REQUIRE_FAILURE(late, Kind::Protocol);
        QCOMPARE(late->error.code(), std::optional(ErrorCode::CodeExpired));
        QCOMPARE(late->error.httpStatus(), 410);
    }

    void unknownUserIsInvalidCredentials()
    {
        startServer();
        const auto unknown = watch(m_api->startOtp(QStringLiteral("n.inconnu"), kPassword));
        DCC_REQUIRE_FAILURE(unknown, Kind::Protocol);
        QCOMPARE(unknown->error.code(), std::optional(ErrorCode::InvalidCredentials));
        QCOMPARE(unknown->error.httpStatus(), 401);
        QVERIFY(m_server->newMails().isEmpty());
    }

    void forgotPasswordIsAcceptedWhetherOrNotTheAccountExists()
    {
        startServer();
        for (const QString& identifier :
             {QStringLiteral("j.dupont"), QStringLiteral("n.inconnu")}) {
            const auto forgot = watch(m_api->forgotPassword(identifier));
            DCC_REQUIRE_SUCCESS(forgot);
            QCOMPARE(forgot->body.value("status").toString(), QString("accepted"));
        }
    }

    void infoListsMethodsAndPasswordPolicy()
    {
        startServer();
        const auto info = watch(m_api->info());
        DCC_REQUIRE_SUCCESS(info);
        QCOMPARE(info->body.value("service").toString(), QString("dcc-login-server"));
        QVERIFY(info->body.value("methods").toArray().contains(QJsonValue("otp")));
        QVERIFY(info->body.value("password_policy").isObject());
        QVERIFY(!info->body.value("password_policy").toObject().isEmpty());
        QCOMPARE(info->body.value("otp").toObject().value("length").toInt(), 6);
    }

    void cpsLoginSignsTheChallengeBoundToTheOrigin()
    {
        startServer([](dcc::server::ServerConfig& config) {
            config.cps.trustStore = TestPki::path("trust-store.pem").toStdString();
            config.cps.crlPaths = {TestPki::path("personnes-ca.crl.pem").toStdString()};
        });
        // The digest is bound to the origin the server is configured with.
        QCOMPARE(m_api->origin(), QString::fromStdString(m_server->config().publicOrigin));
        const QByteArray certificate = toQByteArray(TestPki::bytes("dupont-auth.der"));

        const auto challenge = watch(m_api->cpsChallenge(QStringLiteral("j.dupont"), kPassword));
        DCC_REQUIRE_SUCCESS(challenge);
        const QString nonce = challenge->body.value("nonce").toString();
        QCOMPARE(QByteArray::fromBase64(nonce.toLatin1()).size(), 32);
        const auto verified = watch(m_api->cpsVerify(
            challenge->body.value("flow").toString(), certificate,
            fileKeySignature("dupont-auth.key.pem", m_api->origin(), nonce), "RS256"));
        DCC_REQUIRE_SUCCESS(verified);
        QVERIFY(verified->body.value("launch_url").toString().contains("/launch?ticket="));
        QCOMPARE(verified->body.value("display_name").toString(), QString("Jean DUPONT"));

        // Signed for another site: refused.
        const auto relayed = watch(m_api->cpsChallenge(QStringLiteral("j.dupont"), kPassword));
        DCC_REQUIRE_SUCCESS(relayed);
        const auto refused = watch(m_api->cpsVerify(
            relayed->body.value("flow").toString(), certificate,
            fileKeySignature("dupont-auth.key.pem", "https://dcc-login.example.org",
                             relayed->body.value("nonce").toString()),
            "RS256"));
        DCC_REQUIRE_FAILURE(refused, Kind::Protocol);
        QCOMPARE(refused->error.code(), std::optional(ErrorCode::SignatureInvalid));
    }

    void closedPortIsANetworkError()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        ServerApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto info = watch(api.info());
        DCC_REQUIRE_FAILURE(info, Kind::Network);
        QCOMPARE(info->error.networkError(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(info->error.httpStatus(), 0);
        QVERIFY(info->error.description().contains(QString::number(port)));
    }

    void silentServerTimesOutWithinTheTimeout()
    {
        RawHttpServer silent({});
        ServerApi::Options options;
        options.timeout = std::chrono::milliseconds(500);
        ServerApi api(silent.url(), options);
        QElapsedTimer elapsed;
        elapsed.start();
        const auto info = watch(api.info());
        DCC_REQUIRE_FAILURE(info, Kind::Timeout);
        QVERIFY2(elapsed.elapsed() >= 400 && elapsed.elapsed() < 5000,
                 qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(silent.requests().size(), 1); // it was sent, and never answered
    }

    void cancelEndsTheCallAtOnceAndForGood()
    {
        // Canceled while the server holds the request: the connection is dropped, and the
        // call is gone before its 500 ms timeout could have said anything.
        RawHttpServer silent({});
        ServerApi::Options options;
        options.timeout = std::chrono::milliseconds(500);
        ServerApi api(silent.url(), options);
        ApiCall* call = api.info();
        const QPointer<ApiCall> pointer(call);
        const auto outcome = watch(call);
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests().size(), 1, kAnswerTimeoutMs);
        call->cancel();
        QCOMPARE(outcome->failed, 1); // before cancel() returned
        QCOMPARE(outcome->succeeded, 0);
        QCOMPARE(outcome->error.kind(), Kind::Canceled);
        call->cancel(); // once
        QCOMPARE(outcome->failed, 1);
        QTRY_VERIFY_WITH_TIMEOUT(pointer.isNull(), kAnswerTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(silent.connections().front()->state(),
                                  QAbstractSocket::UnconnectedState, kAnswerTimeoutMs);
        QCOMPARE(outcome->failed, 1);
        QCOMPARE(outcome->succeeded, 0);

        // Canceled before it left, against the real server, kept (no auto-delete): the
        // answer that may still come is never heard.
        startServer();
        ApiCall* kept = m_api->startOtp(QStringLiteral("j.dupont"), kPassword);
        kept->setAutoDelete(false);
        const auto keptOutcome = watch(kept);
        kept->cancel();
        QCOMPARE(keptOutcome->error.kind(), Kind::Canceled);
        const auto after = watch(m_api->info());
        DCC_REQUIRE_SUCCESS(after);
        QVERIFY(kept->isFinished());
        QCOMPARE(keptOutcome->failed, 1);
        QCOMPARE(keptOutcome->succeeded, 0);
        delete kept;
    }

    void cancelAfterTheEndDoesNothing()
    {
        startServer();
        ApiCall* call = m_api->info();
        call->setAutoDelete(false);
        const auto outcome = watch(call);
        DCC_REQUIRE_SUCCESS(outcome);
        call->cancel();
        QCOMPARE(outcome->failed, 0);
        QCOMPARE(outcome->succeeded, 1);
        delete call;
    }

    void destroyingTheApiEndsPendingCallsSilently()
    {
        RawHttpServer silent({});
        auto api = std::make_unique<ServerApi>(silent.url());
        const QPointer<ApiCall> call(api->info());
        const auto outcome = watch(call);
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests().size(), 1, kAnswerTimeoutMs);
        api.reset();
        QVERIFY(call.isNull());
        QVERIFY(!outcome->done());
    }

    void httpsNeedsTheServersCa()
    {
        ServerProcess server;
        server.setTls(true);
        server.start();
        const QUrl url(server.baseUrl());

        ServerApi untrusting(url);
        const auto refused = watch(untrusting.info());
        DCC_REQUIRE_FAILURE(refused, Kind::Tls);
        QVERIFY2(!refused->error.sslErrors().isEmpty(), qPrintable(refused->why()));
        QCOMPARE(refused->error.networkError(), QNetworkReply::SslHandshakeFailedError);

        ServerApi::Options options;
        options.extraCaFile = server.caFile();
        ServerApi trusting(url, options);
        QVERIFY2(trusting.caProblem().isEmpty(), qPrintable(trusting.caProblem()));
        QVERIFY(!trusting.extraCaCertificates().isEmpty());
        QCOMPARE(trusting.origin(), server.property("server.publicOrigin"));
        // On top of the system store, not instead of it.
        const QList<QSslCertificate> authorities = trusting.sslConfiguration().caCertificates();
        for (const QSslCertificate& system : QSslConfiguration::systemCaCertificates())
            QVERIFY(authorities.contains(system));
        for (const QSslCertificate& extra : trusting.extraCaCertificates())
            QVERIFY(authorities.contains(extra));

        const auto info = watch(trusting.info());
        DCC_REQUIRE_SUCCESS(info);
        QCOMPARE(info->body.value("service").toString(), QString("dcc-login-server"));
    }

    void missingCaFileIsReported()
    {
        ServerApi::Options options;
        options.extraCaFile = QStringLiteral("/nonexistent/hospital-ca.pem");
        const ServerApi api(QUrl(QStringLiteral("https://dcc-login.example.org")), options);
        QVERIFY(api.caProblem().contains("/nonexistent/hospital-ca.pem"));
        QVERIFY(api.extraCaCertificates().isEmpty());
    }

    void plainHttpToAnotherMachineIsNeverSent()
    {
        ServerApi api(QUrl(QStringLiteral("http://dcc-login.example.org")));
        const auto refused = watch(api.startOtp(QStringLiteral("j.dupont"), kPassword));
        QVERIFY(!refused->done()); // reported from the event loop, like every answer
        DCC_REQUIRE_FAILURE(refused, Kind::Tls);
        QVERIFY(refused->error.description().contains("plain http"));

        // Through QSignalSpy too, as the controller's tests will take it: ApiError is a
        // metatype that survives the QVariant.
        ServerApi notHttp(QUrl(QStringLiteral("ftp://dcc-login.example.org")));
        QSignalSpy failed(notHttp.info(), &ApiCall::failed);
        QVERIFY(failed.wait(kAnswerTimeoutMs));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.front().front().value<ApiError>().kind(), Kind::Network);
    }

    void requestsAreJsonWithUserAgentAndStandardBase64()
    {
        RawHttpServer server(
            httpAnswer("200 OK", "Content-Type: application/json\r\n", R"({"launch_url":"x"})"));
        ServerApi api(server.url());
        const auto done =
            watch(api.cpsVerify(QStringLiteral("flow-1"), QByteArray::fromHex("fbff"),
                                QByteArray::fromHex("fbefff"), QStringLiteral("RS256")));
        DCC_REQUIRE_SUCCESS(done);
        QCOMPARE(done->body.value("launch_url").toString(), QString("x"));

        QCOMPARE(server.requests().size(), 1);
        const auto [head, body] = RawHttpServer::split(server.requests().front());
        QVERIFY2(head.startsWith("POST /api/v1/auth/cps/verify HTTP/1.1\r\n"), head.constData());
        const QByteArray lowerHead = head.toLower();
        QVERIFY2(lowerHead.contains("\r\ncontent-type: application/json"), head.constData());
        QVERIFY2(lowerHead.contains("\r\naccept: application/json"), head.constData());
        QVERIFY2(head.contains("\r\nUser-Agent: " + ServerApi::userAgent().toLatin1() + "\r\n"),
                 head.constData());
        QVERIFY(ServerApi::userAgent().startsWith("DCC-Login/0.1.0 (Qt 6."));
        QVERIFY(!lowerHead.contains("\r\ncookie:"));
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        QCOMPARE(json.value("flow").toString(), QString("flow-1"));
        QCOMPARE(json.value("certificate").toString(), QString("+/8=")); // not base64url
        QCOMPARE(json.value("signature").toString(), QString("++//"));
        QCOMPARE(json.value("algorithm").toString(), QString("RS256"));
    }

    void answersOtherThanTheProtocolsJson_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");

        const QByteArray json = "Content-Type: application/json\r\n";
        const QByteArray html = "Content-Type: text/html\r\n";
        const int none = -1;
        QTest::newRow("200 html") << httpAnswer("200 OK", html, "<html>Portail</html>") << false
                                  << int(Kind::BadAnswer) << 200;
        QTest::newRow("200 json array")
            << httpAnswer("200 OK", json, "[1,2]") << false << int(Kind::BadAnswer) << 200;
        QTest::newRow("502 from a proxy")
            << httpAnswer("502 Bad Gateway", html, "<h1>Bad gateway</h1>") << false
            << int(Kind::BadAnswer) << 502;
        QTest::newRow("400 json without error")
            << httpAnswer("400 Bad Request", json, R"({"oops":1})") << false << int(Kind::BadAnswer)
            << 400;
        QTest::newRow("redirect not followed")
            << httpAnswer("302 Found", "Location: https://portail-captif.example.org/\r\n", "")
            << false << int(Kind::BadAnswer) << 302;
        QTest::newRow("202 empty") << httpAnswer("202 Accepted", "", "") << true << none << 202;
        QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
                             << true << none << 204;
        QTest::newRow("error code this client does not know")
            << httpAnswer("429 Too Many Requests", json,
                          R"({"error":"brand_new_code","message":"later","retry_after":7})")
            << false << int(Kind::Protocol) << 429;
        QTest::newRow("oversized answer")
            << httpAnswer("200 OK", json, QByteArray(ApiCall::kMaxAnswerBytes + 1, ' ')) << false
            << int(Kind::BadAnswer) << 200;
    }

    void answersOtherThanTheProtocolsJson()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, succeeds);
        QFETCH(int, kind);
        QFETCH(int, status);

        RawHttpServer server(answer);
        ServerApi api(server.url());
        const auto outcome = watch(api.forgotPassword(QStringLiteral("j.dupont")));
        if (succeeds) {
            DCC_REQUIRE_SUCCESS(outcome);
            QVERIFY(outcome->body.isEmpty());
            return;
        }
        DCC_REQUIRE_FAILURE(outcome, static_cast<Kind>(kind));
        QCOMPARE(outcome->error.httpStatus(), status);
        if (outcome->error.kind() == Kind::Protocol) {
            QVERIFY(!outcome->error.code().has_value());
            QCOMPARE(outcome->error.codeString(), QString("brand_new_code"));
            QCOMPARE(outcome->error.retryAfter(), std::optional(7));
        }
    }

    void originIsWrittenAsTheServerWritesIt_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("origin");
        QTest::newRow("port kept") << "https://dcc-login.hopital.fr:8443"
                                   << "https://dcc-login.hopital.fr:8443";
        QTest::newRow("lower case, path dropped") << "HTTPS://DCC-Login.Hopital.FR:8443/api/"
                                                  << "https://dcc-login.hopital.fr:8443";
        QTest::newRow("default https port") << "https://dcc.hopital.fr:443"
                                            << "https://dcc.hopital.fr";
        QTest::newRow("default http port") << "http://localhost:80/"
                                           << "http://localhost";
        QTest::newRow("loopback") << "http://127.0.0.1:8080"
                                  << "http://127.0.0.1:8080";
        QTest::newRow("ipv6") << "https://[::1]:8443"
                              << "https://[::1]:8443";
    }

    void originIsWrittenAsTheServerWritesIt()
    {
        QFETCH(QString, url);
        QFETCH(QString, origin);
        QCOMPARE(ServerApi::originOf(QUrl(url)), origin);
        QCOMPARE(ServerApi(QUrl(url)).origin(), origin);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "TestServerApi.moc"
