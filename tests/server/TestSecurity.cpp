// Security checks of DESIGN.md's table that no other suite makes (issue 13), on the real
// dcc-login-server process: secrets never stored in clear, the password hash and its
// parameters, the TLS cipher suites, and the security headers on every kind of answer.
// docs/security.md says which suite checks each of the other rows.
#include "tests/server/ApiAssertions.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/faults/SqliteFile.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <Poco/JSON/Object.h>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QtTest>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <chrono>
#include <memory>
#include <netinet/in.h>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using dcc::test::HttpTestClient;
using dcc::test::ReceivedMail;
using dcc::test::ServerProcess;
using dcc::test::SqliteFile;

namespace {

constexpr auto kPassword = "Soleil-2024";
constexpr auto kNewPassword = "Printemps-2025";

Poco::JSON::Object credentials(const std::string& password = kPassword)
{
    Poco::JSON::Object body;
    body.set("identifier", "j.dupont");
    body.set("password", password);
    return body;
}

void addDupont(ServerProcess& server)
{
    const auto added = server.runCli(
        {"user", "add", "j.dupont", "--email=jean.dupont@hopital.fr", "--name=Jean DUPONT"},
        QByteArray(kPassword) + "\n");
    QVERIFY2(added.exitCode == 0, added.standardError.constData());
}

/// Every byte the server keeps on disk for its state: the database and its WAL.
QByteArray storedBytes(const QString& databasePath)
{
    QByteArray all;
    for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(databasePath + suffix);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

struct Handshake
{
    bool succeeded = false;
    QString cipher; ///< negotiated suite
    QString why;    ///< OpenSSL's reason on failure
};

/// A TCP connection to 127.0.0.1:`port`; -1 when refused. Its reads and writes give up
/// after 10 s: a server that stops answering fails the test instead of hanging it.
int connectToLoopback(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval limit{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// A TLS handshake with the server that offers only `cipherList` (TLS 1.2 names, max TLS
/// 1.2) or only `tls13Suites` (TLS 1.3). The client is as permissive as OpenSSL allows
/// (security level 0) and does not check the certificate: what is tested is which suites
/// the *server* agrees to.
Handshake handshake(quint16 port, const char* cipherList, const char* tls13Suites)
{
    Handshake result;
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(context, 0);
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
    bool offered = true;
    if (cipherList != nullptr) {
        SSL_CTX_set_max_proto_version(context, TLS1_2_VERSION);
        offered = SSL_CTX_set_cipher_list(context, cipherList) == 1;
    } else {
        SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
        offered = SSL_CTX_set_ciphersuites(context, tls13Suites) == 1;
    }
    if (!offered) {
        SSL_CTX_free(context);
        result.why = QStringLiteral("this OpenSSL cannot offer it");
        return result;
    }
    const int fd = connectToLoopback(port);
    SSL* ssl = SSL_new(context);
    if (fd >= 0) {
        SSL_set_fd(ssl, fd);
        static char host[] = "localhost"; // SNI; the macro for it is an old-style cast
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, host);
        if (SSL_connect(ssl) == 1) {
            result.succeeded = true;
            result.cipher = QString::fromLatin1(SSL_get_cipher_name(ssl));
            SSL_shutdown(ssl);
        } else {
            char text[256] = {};
            ERR_error_string_n(ERR_get_error(), text, sizeof text);
            result.why = QString::fromLatin1(text);
        }
    } else {
        result.why = QStringLiteral("cannot connect");
    }
    SSL_free(ssl);
    if (fd >= 0)
        ::close(fd);
    SSL_CTX_free(context);
    ERR_clear_error();
    return result;
}

/// A TLS connection to the server that stays open: the handshake done, then only the bytes
/// the test sends.
class TlsConnection
{
public:
    explicit TlsConnection(quint16 port)
        : m_context(SSL_CTX_new(TLS_client_method()))
        , m_fd(connectToLoopback(port))
    {
        SSL_CTX_set_verify(m_context, SSL_VERIFY_NONE, nullptr);
        m_ssl = SSL_new(m_context);
        if (m_fd >= 0) {
            SSL_set_fd(m_ssl, m_fd);
            m_connected = SSL_connect(m_ssl) == 1;
        }
        ERR_clear_error();
    }
    ~TlsConnection()
    {
        SSL_free(m_ssl);
        if (m_fd >= 0)
            ::close(m_fd);
        SSL_CTX_free(m_context);
    }
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    [[nodiscard]] bool connected() const { return m_connected; }
    bool send(std::string_view bytes)
    {
        return SSL_write(m_ssl, bytes.data(), static_cast<int>(bytes.size())) ==
               static_cast<int>(bytes.size());
    }

private:
    SSL_CTX* m_context;
    int m_fd;
    SSL* m_ssl = nullptr;
    bool m_connected = false;
};

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // DESIGN.md: OTP "stored as a keyed hash"; ticket, session, reset token "stored hashed";
    // passwords as Argon2id. After a whole login, a launch, and a reset asked for and used,
    // none of the secrets the client or the mail saw is anywhere in the database files.
    void secretsAreNeverStoredInClear()
    {
        ServerProcess server;
        addDupont(server);
        server.start();
        HttpTestClient client(server.baseUrl());

        const auto started = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        const std::string flow = started.json()->getValue<std::string>("flow");
        const QString code = ServerProcess::codeFromMail(
            ServerProcess::readMail(server.waitForOutboxMessages(1).last()));
        Poco::JSON::Object verify;
        verify.set("flow", flow);
        verify.set("code", code.toStdString());
        const auto done = client.postJson("/api/v1/auth/otp/verify", verify);
        DCC_COMPARE_ANSWER(done, 200, "");
        const std::string url = done.json()->getValue<std::string>("launch_url");
        const std::string ticket = url.substr(url.find("ticket=") + 7);
        const auto launched = client.get(url.substr(url.find("/launch")));
        QCOMPARE(launched.status, 302);
        const std::string session = launched.cookie("dcc_session").value_or("");
        QVERIFY(!session.empty());

        Poco::JSON::Object forgot;
        forgot.set("identifier", "j.dupont");
        QCOMPARE(client.postJson("/api/v1/password/forgot", forgot).status, 202);
        QFile resetMail(server.waitForOutboxMessages(2).last());
        QVERIFY(resetMail.open(QIODevice::ReadOnly));
        const auto link = QRegularExpression("token=([A-Za-z0-9_-]+)")
                              .match(ReceivedMail::parse(resetMail.readAll()).body());
        QVERIFY(link.hasMatch());
        const std::string resetToken = link.captured(1).toStdString();
        QCOMPARE(resetToken.size(), std::size_t{43}); // 32 random bytes, base64url
        // A second flow left pending, so that a live code hash is in the file too.
        const auto pending = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(pending, 200, "");
        const QString pendingCode = ServerProcess::codeFromMail(
            ServerProcess::readMail(server.waitForOutboxMessages(3).last()));
        server.stop(); // everything checkpointed into the file

        const QByteArray stored = storedBytes(server.property("database.path"));
        QVERIFY(stored.size() > 4096);
        // The scan sees the data: what is stored in clear (the address) is found.
        QVERIFY(stored.contains("jean.dupont@hopital.fr"));
        const QList<QPair<const char*, QByteArray>> secrets{
            {"password", kPassword},
            {"flow", QByteArray::fromStdString(flow)},
            {"code", code.toLatin1()},
            {"pending code", pendingCode.toLatin1()},
            {"ticket", QByteArray::fromStdString(ticket)},
            {"session", QByteArray::fromStdString(session)},
            {"reset token", QByteArray::fromStdString(resetToken)},
            {"pending flow",
             QByteArray::fromStdString(pending.json()->getValue<std::string>("flow"))},
        };
        for (const auto& [what, secret] : secrets) {
            QVERIFY2(secret.size() >= 6, what);
            QVERIFY2(!stored.contains(secret), what);
            // Nor the same bytes as hex or standard base64.
            QVERIFY2(!stored.contains(secret.toHex()), what);
            QVERIFY2(!stored.contains(secret.toBase64()), what);
        }
        // Six digits may turn up by chance in a binary file; they must never sit in a
        // column of their own.
        SqliteFile database(server.property("database.path"));
        QCOMPARE(database.value(QString("SELECT COUNT(*) FROM login_flows WHERE code_hash IN "
                                        "('%1', '%2')")
                                    .arg(code, pendingCode)),
                 QString("0"));
    }

    // DESIGN.md: the audit has every login step, failure, lock, code sent, reset and
    // session, with account, client address and user agent (and, above, no secret).
    void auditRecordsEveryStepWithWhoAndWhere()
    {
        ServerProcess server;
        server.set("throttle.account.freeFailures", "5"); // no delays: the lock comes first
        server.set("throttle.account.lockFailures", "2");
        addDupont(server);
        const auto other = server.runCli(
            {"user", "add", "p.martin", "--email=paul.martin@hopital.fr", "--name=Paul MARTIN"},
            "Automne-2024\n");
        QCOMPARE(other.exitCode, 0);
        server.start();
        HttpTestClient client(server.baseUrl());
        const std::map<std::string, std::string> agent{{"User-Agent", "DCC-Audit-Test/1.0"}};

        const auto post = [&](const char* path, const Poco::JSON::Object& body) {
            return client.postJson(path, body, agent);
        };
        DCC_COMPARE_ANSWER(post("/api/v1/auth/otp", credentials("Wrong-pass1")), 401,
                           "invalid_credentials");
        Poco::JSON::Object unknown;
        unknown.set("identifier", "n.personne");
        unknown.set("password", "Wrong-pass1");
        DCC_COMPARE_ANSWER(post("/api/v1/auth/otp", unknown), 401, "invalid_credentials");
        const auto started = post("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        const QString code = ServerProcess::codeFromMail(
            ServerProcess::readMail(server.waitForOutboxMessages(1).last()));
        Poco::JSON::Object verify;
        verify.set("flow", started.json()->getValue<std::string>("flow"));
        verify.set("code", code == "000000" ? "111111" : "000000");
        DCC_COMPARE_ANSWER(post("/api/v1/auth/otp/verify", verify), 400, "invalid_code");
        verify.set("code", code.toStdString());
        const auto done = post("/api/v1/auth/otp/verify", verify);
        DCC_COMPARE_ANSWER(done, 200, "");
        const std::string url = done.json()->getValue<std::string>("launch_url");
        const auto launched = client.get(url.substr(url.find("/launch")), agent);
        QCOMPARE(launched.status, 302);
        const std::string session = launched.cookie("dcc_session").value_or("");
        auto logoutHeaders = agent;
        logoutHeaders["Cookie"] = "dcc_session=" + session;
        QVERIFY(client.request("POST", "/api/v1/logout", "", logoutHeaders).status < 300);
        Poco::JSON::Object forgot;
        forgot.set("identifier", "j.dupont");
        QCOMPARE(post("/api/v1/password/forgot", forgot).status, 202);
        QFile resetMail(server.waitForOutboxMessages(2).last());
        QVERIFY(resetMail.open(QIODevice::ReadOnly));
        const auto link = QRegularExpression("token=([A-Za-z0-9_-]+)")
                              .match(ReceivedMail::parse(resetMail.readAll()).body());
        Poco::JSON::Object reset;
        reset.set("token", link.captured(1).toStdString());
        reset.set("password", kNewPassword);
        QCOMPARE(post("/api/v1/password/reset", reset).status, 204);
        // Two wrong passwords lock p.martin; then even the right one is refused.
        for (const char* password : {"Wrong-pass1", "Wrong-pass2", "Automne-2024"}) {
            Poco::JSON::Object attempt;
            attempt.set("identifier", "p.martin");
            attempt.set("password", password);
            DCC_COMPARE_ANSWER(post("/api/v1/auth/otp", attempt), 401, "invalid_credentials");
        }
        server.stop();

        SqliteFile database(server.property("database.path"));
        const QStringList rows = database.query(
            "SELECT event || ' ' || outcome || ' ' || COALESCE(identifier, '-') || ' ' || "
            "COALESCE(client_address, '-') || ' ' || COALESCE(user_agent, '-') FROM audit "
            "ORDER BY id");
        const QString all = rows.join('\n');
        for (const char* expected :
             {"otp.start wrong_password j.dupont", "otp.start unknown_identifier n.personne",
              "otp.code_sent ok j.dupont", "otp.verify invalid_code j.dupont",
              "otp.verify ok j.dupont", "session.open ok j.dupont", "session.close ok j.dupont",
              "password.forgot ok j.dupont", "password.reset ok j.dupont",
              "account.locked ok p.martin", "otp.start locked p.martin"}) {
            const QString line = QString(expected) + " 127.0.0.1 DCC-Audit-Test/1.0";
            QVERIFY2(all.contains(line), qPrintable(line + " not in:\n" + all));
        }
        // Every line of a request carries who, from where, with what.
        for (const QString& row : rows) {
            if (!row.startsWith("admin."))
                QVERIFY2(row.endsWith("127.0.0.1 DCC-Audit-Test/1.0"), qPrintable(row));
        }
    }

    // DESIGN.md: Argon2id, m = 19 MiB, t = 2, p = 1, 16-byte salt, PHC string.
    void passwordHashIsArgon2idWithTheDesignParameters()
    {
        ServerProcess server;
        addDupont(server);
        SqliteFile database(server.property("database.path"));
        const QString hash =
            database.value("SELECT password_hash FROM accounts WHERE identifier = 'j.dupont'");
        const auto phc =
            QRegularExpression(
                "^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$")
                .match(hash);
        QVERIFY2(phc.hasMatch(), qPrintable(hash));
        QCOMPARE(QByteArray::fromBase64(phc.captured(1).toLatin1()).size(), 16); // salt
        QCOMPARE(QByteArray::fromBase64(phc.captured(2).toLatin1()).size(), 32); // tag
    }

    // Refused even when it is all a client offers: no NULL encryption, no anonymous key
    // exchange, no CBC with SHA-1, no static RSA key exchange (forward secrecy), none of the
    // less reviewed block ciphers. (RC4, EXPORT and 3DES suites are gone from Debian's
    // OpenSSL 3 altogether — `openssl ciphers '3DES:@SECLEVEL=0'` matches nothing — so no
    // client here can offer them and the server's OpenSSL could not accept them.)
    void weakCipherSuitesAreRefused_data()
    {
        QTest::addColumn<QString>("suites");
        QTest::newRow("NULL encryption") << "eNULL";
        QTest::newRow("anonymous (no certificate)") << "aNULL";
        QTest::newRow("CBC with SHA-1") << "AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:"
                                           "ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA";
        QTest::newRow("static RSA key exchange") << "kRSA";
        QTest::newRow("CAMELLIA, ARIA, SEED") << "CAMELLIA:ARIA:SEED";
        QTest::newRow("CBC with SHA-2") << "ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:"
                                           "DHE-RSA-AES128-SHA256";
    }
    void weakCipherSuitesAreRefused()
    {
        QFETCH(QString, suites);
        ServerProcess server;
        server.setTls(true);
        server.start();
        const QByteArray list = suites.toLatin1() + ":@SECLEVEL=0";
        const Handshake result = handshake(server.port(), list.constData(), nullptr);
        if (!result.succeeded && result.why.contains("cannot offer"))
            QSKIP(qPrintable("the OpenSSL of this machine cannot offer " + suites));
        QVERIFY2(!result.succeeded, qPrintable("the server agreed to " + result.cipher));
    }

    void modernCipherSuitesAreSpoken_data()
    {
        QTest::addColumn<QString>("tls12");
        QTest::addColumn<QString>("tls13");
        QTest::newRow("TLS 1.2 ECDHE-RSA AES-GCM") << "ECDHE-RSA-AES128-GCM-SHA256"
                                                   << "";
        QTest::newRow("TLS 1.2 ECDHE-RSA ChaCha20") << "ECDHE-RSA-CHACHA20-POLY1305"
                                                    << "";
        QTest::newRow("TLS 1.3 AES-256-GCM") << ""
                                             << "TLS_AES_256_GCM_SHA384";
        QTest::newRow("TLS 1.3 ChaCha20") << ""
                                          << "TLS_CHACHA20_POLY1305_SHA256";
    }
    void modernCipherSuitesAreSpoken()
    {
        QFETCH(QString, tls12);
        QFETCH(QString, tls13);
        ServerProcess server;
        server.setTls(true);
        server.start();
        const QByteArray list12 = tls12.toLatin1();
        const QByteArray list13 = tls13.toLatin1();
        const Handshake result = tls12.isEmpty()
                                     ? handshake(server.port(), nullptr, list13.constData())
                                     : handshake(server.port(), list12.constData(), nullptr);
        QVERIFY2(result.succeeded, qPrintable(result.why));
        QCOMPARE(result.cipher, tls12.isEmpty() ? tls13 : tls12);
    }

    // Every kind of answer over HTTPS carries HSTS; API answers are never cached (success
    // and errors alike); pages carry a CSP; and plain HTTP never sends HSTS.
    void securityHeadersOnEveryKindOfAnswer_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("api");
        QTest::newRow("API info") << "GET"
                                  << "/api/v1/info" << true;
        QTest::newRow("API error 401") << "POST"
                                       << "/api/v1/auth/otp" << true;
        QTest::newRow("API session without cookie") << "GET"
                                                    << "/api/v1/session" << true;
        QTest::newRow("API unknown route") << "GET"
                                           << "/api/v1/nothing-here" << true;
        QTest::newRow("JWKS") << "GET"
                              << "/.well-known/jwks.json" << true;
        QTest::newRow("page: reset form") << "GET"
                                          << "/reset?token=unknown" << false;
        QTest::newRow("page: used ticket") << "GET"
                                           << "/launch?ticket=unknown" << false;
        QTest::newRow("page: demo DCC") << "GET"
                                        << "/dcc/" << false;
    }
    void slowTlsClientsHoldNoWorker()
    {
        // Over TLS as over plain HTTP (server.HttpConnections), clients that stop halfway
        // through the handshake or through a request's head wait in the connection loops:
        // with three times the workers' number of each, a request is still answered at once,
        // not after the request timeout.
        ServerProcess server;
        server.setTls(true);
        server.set("server.maxThreads", "2");
        server.set("server.requestTimeout", "60");
        server.start();
        std::vector<int> stalledHandshakes;
        const auto closeAll = qScopeGuard([&] {
            for (const int fd : stalledHandshakes)
                ::close(fd);
        });
        for (int i = 0; i < 6; ++i) {
            stalledHandshakes.push_back(connectToLoopback(server.port()));
            QVERIFY(stalledHandshakes.back() >= 0);
            // The header of a 512-byte handshake record, whose body never comes.
            const unsigned char header[] = {0x16, 0x03, 0x01, 0x02, 0x00};
            QCOMPARE(::send(stalledHandshakes.back(), header, sizeof header, MSG_NOSIGNAL),
                     ssize_t(sizeof header));
        }
        std::vector<std::unique_ptr<TlsConnection>> stalledHeads;
        for (int i = 0; i < 6; ++i) {
            stalledHeads.push_back(std::make_unique<TlsConnection>(server.port()));
            QVERIFY(stalledHeads.back()->connected());
            QVERIFY(stalledHeads.back()->send("POST /api/v1/auth/otp HTTP/1.1\r\nHo"));
        }
        HttpTestClient client(server.baseUrl(), server.caFile());
        client.setTimeout(std::chrono::seconds(10));
        const auto answer = client.get("/api/v1/info");
        QCOMPARE(answer.status, 200);
    }

    void securityHeadersOnEveryKindOfAnswer()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(bool, api);
        for (const bool tls : {true, false}) {
            ServerProcess server;
            server.setTls(tls);
            server.start();
            HttpTestClient client(server.baseUrl(), server.caFile());
            const auto answer = method == "POST"
                                    ? client.postJson(path.toStdString(), credentials("Wrong-1x"))
                                    : client.get(path.toStdString());
            const std::string context = QString("%1 %2 (%3): %4")
                                            .arg(method, path, tls ? "https" : "http")
                                            .arg(answer.status)
                                            .toStdString();
            QVERIFY2(answer.status != 0, context.c_str());
            if (tls) {
                QVERIFY2(answer.header("Strict-Transport-Security").starts_with("max-age="),
                         context.c_str());
                const long maxAge = std::stol(answer.header("Strict-Transport-Security").substr(8));
                QVERIFY2(maxAge >= 15552000, context.c_str()); // at least 180 days
            } else {
                QVERIFY2(!answer.hasHeader("Strict-Transport-Security"), context.c_str());
            }
            QVERIFY2(answer.header("X-Content-Type-Options") == "nosniff", context.c_str());
            QVERIFY2(!answer.header("Content-Security-Policy").empty(), context.c_str());
            QVERIFY2(answer.header("Content-Security-Policy").find("frame-ancestors 'none'") !=
                         std::string::npos,
                     context.c_str());
            if (api)
                QVERIFY2(answer.header("Cache-Control") == "no-store", context.c_str());
            else
                QVERIFY2(answer.header("Content-Security-Policy").find("default-src 'none'") !=
                             std::string::npos,
                         context.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "TestSecurity.moc"
