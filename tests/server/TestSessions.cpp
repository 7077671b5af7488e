#include "server/app/ServerComponents.h"
#include "server/store/Database.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"

#include <Poco/JSON/Object.h>
#include <QtTest>

using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;

/// The hand-off to the browser: launch tickets, the session cookie, session checks and
/// logout, with their timeouts.
class TestSessions : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;

    // A full OTP login; returns the launch path (/launch?ticket=…).
    std::string loginToLaunchPath(const std::string& identifier = "j.dupont")
    {
        Poco::JSON::Object credentials;
        credentials.set("identifier", identifier);
        credentials.set("password", "Soleil-2024");
        const auto started = m_client->postJson("/api/v1/auth/otp", credentials);
        Poco::JSON::Object verify;
        verify.set("flow", started.json()->getValue<std::string>("flow"));
        verify.set("code", m_server->newCode().toStdString());
        const auto done = m_client->postJson("/api/v1/auth/otp/verify", verify);
        if (done.status != 200) {
            QTest::qFail(("login failed: " + done.body).c_str(), __FILE__, __LINE__);
            return "/launch";
        }
        return done.json()
            ->getValue<std::string>("launch_url")
            .substr(m_server->baseUrl().toStdString().size());
    }

    std::string openSession(const std::string& identifier = "j.dupont")
    {
        const auto launched = m_client->get(loginToLaunchPath(identifier));
        if (launched.status != 302)
            QTest::qFail(("launch failed: " + launched.body).c_str(), __FILE__, __LINE__);
        return launched.cookie("dcc_session").value_or("");
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<InProcessServer>();
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", "Soleil-2024");
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void ticketExpiresAfterAMinute()
    {
        const std::string path = loginToLaunchPath();
        m_server->clock().advance(60);
        const auto late = m_client->get(path, {{"Accept-Language", "en"}});
        QCOMPARE(late.status, 410);
        QVERIFY(late.body.find("can no longer be used") != std::string::npos);
        QVERIFY(late.setCookies.empty());
    }

    void ticketStillWorksJustBeforeAMinute()
    {
        const std::string path = loginToLaunchPath();
        m_server->clock().advance(59);
        QCOMPARE(m_client->get(path).status, 302);
    }

    void forgedTicketsAreRefused()
    {
        QCOMPARE(m_client->get("/launch").status, 410);
        QCOMPARE(m_client->get("/launch?ticket=").status, 410);
        QCOMPARE(m_client->get("/launch?ticket=" + std::string(43, 'A')).status, 410);
        QCOMPARE(m_client->get("/launch?ticket=%00%ff").status, 410);
    }

    void ticketIsNotSpentWhenItsSessionCannotBeRecorded()
    {
        // The ticket and the session it opens are one transaction: when the session cannot
        // be written (here its table is gone for a moment), the link still works afterwards.
        const std::string path = loginToLaunchPath();
        dcc::server::Database& database = m_server->components().database();
        const auto renameSessions = [&](const std::string& from, const std::string& to) {
            database.write([&](dcc::server::SqlSession& sql) {
                sql << "ALTER TABLE " + from + " RENAME TO " + to, Poco::Data::Keywords::now;
            });
        };
        renameSessions("sessions", "sessions_away");
        const auto failed = m_client->get(path);
        renameSessions("sessions_away", "sessions");
        QCOMPARE(failed.status, 503);
        QVERIFY(failed.setCookies.empty());

        const auto launched = m_client->get(path);
        QCOMPARE(launched.status, 302);
        const std::string token = launched.cookie("dcc_session").value_or("");
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", {{"Cookie", "dcc_session=" + token}}),
                           200, "");
        QCOMPARE(m_client->get(path).status, 410); // and it was spent then, once
    }

    void revocationElsewhereIsSeenWithinTheCacheLifetime()
    {
        // Another instance's logout, here the row revoked behind this server's back: the
        // check this server answered a moment ago is reused for the cache's lifetime, then
        // the database's answer counts. (Logouts and resets made here are seen at once:
        // logoutEndsTheSession, TestPasswordReset::resetEndsSessionsAndPendingLogins.)
        m_client.reset();
        m_server = std::make_unique<InProcessServer>(
            [](dcc::server::ServerConfig& config) { config.auth.sessionCacheMilliseconds = 1500; });
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", "Soleil-2024");
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
        const std::map<std::string, std::string> cookie = {
            {"Cookie", "dcc_session=" + openSession()}};
        QCOMPARE(m_client->get("/api/v1/session", cookie).status, 200);
        m_server->components().database().write([](dcc::server::SqlSession& sql) {
            sql << "UPDATE sessions SET revoked_at = 1", Poco::Data::Keywords::now;
        });
        QCOMPARE(m_client->get("/api/v1/session", cookie).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get("/api/v1/session", cookie).status, 401, 5000);
    }

    void sessionAnswerIsJsonWhateverTheName()
    {
        // The answer is written by hand: names with quotes, backslashes and accents must come
        // back intact through a JSON parser. (Control characters never reach a name: the
        // mail of the login refuses them.)
        const std::string name = "H\u00e9l\u00e8ne \"Lena\" D'Arc \\ / \u00c6";
        m_server->addAccount("h.darc", "helene.darc@hopital.fr", name, "Soleil-2024");
        const auto answer =
            m_client->get("/api/v1/session", {{"Cookie", "dcc_session=" + openSession("h.darc")}});
        DCC_COMPARE_ANSWER(answer, 200, "");
        const auto json = answer.json();
        QCOMPARE(json->getValue<std::string>("display_name"), name);
        QCOMPARE(json->getValue<std::string>("identifier"), std::string("h.darc"));
        QCOMPARE(json->getValue<std::string>("method"), std::string("otp"));
        QCOMPARE(json->getArray("amr")->size(), std::size_t(2));
        QVERIFY(json->getValue<Poco::Int64>("expires_at") >
                json->getValue<Poco::Int64>("authenticated_at"));
        QVERIFY(!json->has("national_id"));
    }

    void sessionWorksWithCookieOrBearer()
    {
        const std::string token = openSession();
        QVERIFY(!token.empty());
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", {{"Cookie", "dcc_session=" + token}}),
                           200, "");
        const auto bearer =
            m_client->get("/api/v1/session", {{"Authorization", "Bearer " + token}});
        DCC_COMPARE_ANSWER(bearer, 200, "");
        QCOMPARE(bearer.json()->getValue<std::string>("display_name"), std::string("Jean DUPONT"));
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session"), 401, "unauthorized");
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", {{"Cookie", "dcc_session=forged"}}),
                           401, "unauthorized");
    }

    void idleSessionsEnd()
    {
        const std::string token = openSession();
        const std::map<std::string, std::string> cookie = {{"Cookie", "dcc_session=" + token}};
        m_server->clock().advance(1700);
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", cookie), 200, ""); // restarts the timer
        m_server->clock().advance(1700);
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", cookie), 200, "");
        m_server->clock().advance(1800);
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", cookie), 401, "unauthorized");
    }

    void sessionsEndAfterTwelveHoursWhateverTheUse()
    {
        const std::string token = openSession();
        const std::map<std::string, std::string> cookie = {{"Cookie", "dcc_session=" + token}};
        for (int i = 0; i < 30; ++i) {
            m_server->clock().advance(1790);
            if (m_client->get("/api/v1/session", cookie).status != 200)
                break;
        }
        // 30 × 1790 s > 12 h: the absolute limit was reached while the session was in use.
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", cookie), 401, "unauthorized");
    }

    void logoutEndsTheSession()
    {
        const std::string token = openSession();
        const std::map<std::string, std::string> cookie = {{"Cookie", "dcc_session=" + token}};
        const auto out = m_client->request("POST", "/api/v1/logout", "", cookie);
        QCOMPARE(out.status, 204);
        QVERIFY(out.setCookie("dcc_session").find("Max-Age=0") != std::string::npos);
        DCC_COMPARE_ANSWER(m_client->get("/api/v1/session", cookie), 401, "unauthorized");
        DCC_COMPARE_ANSWER(m_client->request("POST", "/api/v1/logout", "", cookie), 401,
                           "unauthorized");
    }

    void demoPageLogsOutByForm()
    {
        const std::string token = openSession();
        const std::map<std::string, std::string> cookie = {{"Cookie", "dcc_session=" + token}};
        const auto page = m_client->get("/dcc/", cookie);
        QVERIFY(page.body.find("action=\"/api/v1/logout\"") != std::string::npos);
        QVERIFY(page.header("Content-Security-Policy").find("style-src 'sha256-") !=
                std::string::npos);
        auto form = cookie;
        form["Content-Type"] = "application/x-www-form-urlencoded";
        const auto out = m_client->request("POST", "/api/v1/logout", "", form);
        QCOMPARE(out.status, 303);
        QCOMPARE(out.header("Location"), std::string("/dcc/"));
        const auto after = m_client->get("/dcc/", cookie);
        QCOMPARE(after.status, 401);
        QVERIFY(after.body.find("id=\"not-logged-in\"") != std::string::npos);
    }

    void metricsCountLiveSessions()
    {
        (void)openSession();
        (void)openSession();
        QVERIFY(m_client->get("/metrics").body.find("dcc_sessions_live 2") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "TestSessions.moc"
