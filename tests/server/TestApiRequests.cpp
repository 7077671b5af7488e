#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"

#include <QtTest>

using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;

// moc (Qt 6.4) loses the class when raw string literals appear in it: plain literals here.
/// What every request goes through before a handler sees it: routing, body checks, the
/// error body, and the headers every answer carries.
class TestApiRequests : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<InProcessServer>();
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", "Soleil-2024");
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }
    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void badBodiesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("field");
        QTest::newRow("malformed JSON")
            << "{\"identifier\": \"j.dupont\", " << 400 << "invalid_request"
            << "";
        QTest::newRow("empty body") << "" << 400 << "invalid_request"
                                    << "";
        QTest::newRow("array, not object") << "[\"j.dupont\"]" << 400 << "invalid_request"
                                           << "";
        QTest::newRow("missing password")
            << "{\"identifier\": \"j.dupont\"}" << 400 << "invalid_request"
            << "password";
        QTest::newRow("missing identifier") << "{\"password\": \"x\"}" << 400 << "invalid_request"
                                            << "identifier";
        QTest::newRow("number for identifier")
            << "{\"identifier\": 42, \"password\": \"x\"}" << 400 << "invalid_request"
            << "identifier";
        QTest::newRow("null password")
            << "{\"identifier\": \"j.dupont\", \"password\": null}" << 400 << "invalid_request"
            << "password";
        QTest::newRow("object for password")
            << "{\"identifier\": \"j.dupont\", \"password\": {\"a\": 1}}" << 400
            << "invalid_request"
            << "password";
        QTest::newRow("empty identifier")
            << "{\"identifier\": \"\", \"password\": \"x\"}" << 400 << "invalid_request"
            << "identifier";
        QTest::newRow("identifier too long")
            << QString("{\"identifier\": \"%1\", \"password\": \"x\"}").arg(QString(300, 'a'))
            << 400 << "invalid_request"
            << "identifier";
        QTest::newRow("unknown fields are ignored")
            << "{\"identifier\": \"z.nobody\", \"password\": \"x\", \"extra\": [1, 2]}" << 401
            << "invalid_credentials"
            << "";
    }
    void badBodiesAreRefusedByName()
    {
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(QString, field);
        const auto answer = m_client->postJson("/api/v1/auth/otp", body.toStdString());
        DCC_COMPARE_ANSWER(answer, status, error.toStdString());
        QVERIFY(!answer.json()->getValue<std::string>("message").empty());
        if (!field.isEmpty())
            QCOMPARE(answer.json()->getValue<std::string>("field"), field.toStdString());
    }

    void invalidUtf8IsRefused()
    {
        const std::string body = "{\"identifier\": \"j.dup\xff\xfeont\", \"password\": \"x\"}";
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp", body), 400, "invalid_request");
    }

    void nonJsonIsRefused()
    {
        const auto answer =
            m_client->request("POST", "/api/v1/auth/otp", "identifier=j.dupont",
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
        DCC_COMPARE_ANSWER(answer, 415, "unsupported_media_type");
    }

    void hugeBodiesAreRefusedUnread()
    {
        const std::string huge(1024 * 1024, 'x');
        const auto announced = m_client->postJson("/api/v1/auth/otp", huge);
        DCC_COMPARE_ANSWER(announced, 413, "payload_too_large");
        const auto chunked = m_client->requestChunked("POST", "/api/v1/auth/otp", huge,
                                                      {{"Content-Type", "application/json"}});
        DCC_COMPARE_ANSWER(chunked, 413, "payload_too_large");
        // Just under the limit is read and judged on its content.
        const std::string padded =
            "{\"identifier\": \"z.nobody\", \"password\": \"x\", \"pad\": \"" +
            std::string(60 * 1024, 'p') + "\"}";
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp", padded), 401,
                           "invalid_credentials");
        // The server is still fine.
        QCOMPARE(m_client->get("/healthz").status, 200);
    }

    void unknownPathsAndMethods()
    {
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/nothing"), 404, "not_found");
        const auto wrongMethod = m_client->get("/api/v1/auth/otp");
        DCC_COMPARE_ANSWER(wrongMethod, 405, "method_not_allowed");
        QCOMPARE(wrongMethod.header("Allow"), std::string("POST"));
        const auto page = m_client->get("/nothing-here", {{"Accept-Language", "fr-FR"}});
        QCOMPARE(page.status, 404);
        QVERIFY(page.header("Content-Type").starts_with("text/html"));
        QVERIFY(page.body.find("Page introuvable") != std::string::npos);
        const auto english =
            m_client->get("/nothing-here", {{"Accept-Language", "en-GB,en;q=0.9"}});
        QVERIFY(english.body.find("Page not found") != std::string::npos);
    }

    void everyAnswerCarriesTheSecurityHeaders_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("info") << "GET"
                              << "/api/v1/info";
        QTest::newRow("error") << "POST"
                               << "/api/v1/auth/otp";
        QTest::newRow("not found") << "GET"
                                   << "/nowhere";
        QTest::newRow("page") << "GET"
                              << "/dcc/";
        QTest::newRow("health") << "GET"
                                << "/healthz";
    }
    void everyAnswerCarriesTheSecurityHeaders()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        const auto answer = m_client->request(method.toStdString(), path.toStdString());
        QVERIFY(answer.hasHeader("Content-Length"));
        QCOMPARE(answer.header("Content-Length"), std::to_string(answer.body.size()));
        QCOMPARE(answer.header("X-Content-Type-Options"), std::string("nosniff"));
        QCOMPARE(answer.header("X-Frame-Options"), std::string("DENY"));
        QCOMPARE(answer.header("Referrer-Policy"), std::string("no-referrer"));
        QCOMPARE(answer.header("Cache-Control"), std::string("no-store"));
        QVERIFY(answer.header("Content-Security-Policy").find("default-src 'none'") !=
                std::string::npos);
        QVERIFY(!answer.header("X-Request-Id").empty());
    }

    void requestIdIsKeptOrMade()
    {
        const auto given = m_client->get("/healthz", {{"X-Request-Id", "lb-1234.abc"}});
        QCOMPARE(given.header("X-Request-Id"), std::string("lb-1234.abc"));
        const auto hostile = m_client->get("/healthz", {{"X-Request-Id", "bad id\twith spaces"}});
        QVERIFY(hostile.header("X-Request-Id") != "bad id\twith spaces");
        QVERIFY(!hostile.header("X-Request-Id").empty());
        QVERIFY(m_client->get("/healthz").header("X-Request-Id") !=
                m_client->get("/healthz").header("X-Request-Id"));
        // Made ones must pass the rule given ones are held to (a proxy may forward them).
        const std::string made = m_client->get("/healthz").header("X-Request-Id");
        QVERIFY(!made.empty() && made.size() <= 64);
        QVERIFY(made.find_first_not_of(
                    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") ==
                std::string::npos);
    }

    void infoDescribesTheService()
    {
        const auto info = m_client->get("/api/v1/info");
        DCC_COMPARE_ANSWER(info, 200, "");
        const auto json = info.json();
        QCOMPARE(json->getValue<std::string>("service"), std::string("dcc-login-server"));
        QCOMPARE(json->getArray("methods")->getElement<std::string>(0), std::string("otp"));
        QCOMPARE(json->getObject("password_policy")->getValue<int>("min_length"), 8);
        QCOMPARE(json->getObject("otp")->getValue<int>("length"), 6);
        QCOMPARE(json->getObject("otp")->getValue<int>("lifetime"), 600);
        QCOMPARE(json->getValue<Poco::Int64>("server_time"), m_server->clock().now());
    }

    void metricsCountRequestsAndLogins()
    {
        (void)m_client->postJson("/api/v1/auth/otp",
                                 "{\"identifier\": \"z.nobody\", \"password\": \"x\"}");
        const auto metrics = m_client->get("/metrics");
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.header("Content-Type").starts_with("text/plain; version=0.0.4"));
        QVERIFY(metrics.body.find("dcc_http_requests_total{route=\"otp_start\",status=\"401\"}") !=
                std::string::npos);
        QVERIFY(metrics.body.find("dcc_login_outcomes_total{method=\"otp\",step=\"start\","
                                  "outcome=\"invalid_credentials\"}") != std::string::npos);
        QVERIFY(metrics.body.find("dcc_http_request_duration_seconds_bucket{route=\"otp_start\"") !=
                std::string::npos);
        QVERIFY(metrics.body.find("dcc_sessions_live 0") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestApiRequests)
#include "TestApiRequests.moc"
