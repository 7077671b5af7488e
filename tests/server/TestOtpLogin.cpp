#include "server/app/ServerComponents.h"
#include "server/store/AccountStore.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/server/RequestBodies.h"

#include <Poco/JSON/Object.h>
#include <QtTest>

#include <atomic>
#include <thread>

using dcc::test::credentials;
using dcc::test::flowBody;
using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;
using dcc::test::otherCode;

namespace {

constexpr auto kPassword = "Soleil-2024";

} // namespace

class TestOtpLogin : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;

    std::string startFlow()
    {
        const auto started =
            m_client->postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword));
        if (started.status != 200) {
            QTest::qFail(("start failed: " + started.body).c_str(), __FILE__, __LINE__);
            return {};
        }
        return started.json()->getValue<std::string>("flow");
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<InProcessServer>();
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void fullLoginHandsTheSessionToTheBrowser()
    {
        const auto started =
            m_client->postJson("/api/v1/auth/otp", credentials(" J.Dupont ", kPassword));
        DCC_COMPARE_ANSWER(started, 200, "");
        const auto json = started.json();
        QCOMPARE(json->getValue<std::string>("channel"), std::string("j***.d***@hopital.fr"));
        QCOMPARE(json->getValue<int>("expires_in"), 600);
        QCOMPARE(json->getValue<int>("resend_in"), 30);
        const std::string flow = json->getValue<std::string>("flow");

        const QString code = m_server->newCode();
        QCOMPARE(code.size(), 6);
        const auto verified =
            m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code.toStdString()));
        DCC_COMPARE_ANSWER(verified, 200, "");
        QCOMPARE(verified.json()->getValue<std::string>("display_name"),
                 std::string("Jean DUPONT"));
        QCOMPARE(verified.json()->getValue<int>("expires_in"), 60);
        const std::string launchUrl = verified.json()->getValue<std::string>("launch_url");
        const std::string prefix = m_server->baseUrl().toStdString() + "/launch?ticket=";
        QVERIFY2(launchUrl.starts_with(prefix), launchUrl.c_str());

        const std::string launchPath = launchUrl.substr(m_server->baseUrl().toStdString().size());
        const auto launched = m_client->get(launchPath);
        QCOMPARE(launched.status, 302);
        QCOMPARE(launched.header("Location"), std::string("/dcc/"));
        const std::string cookieLine = launched.setCookie("dcc_session");
        QVERIFY2(cookieLine.find("HttpOnly") != std::string::npos, cookieLine.c_str());
        QVERIFY(cookieLine.find("SameSite=Lax") != std::string::npos);
        QVERIFY(cookieLine.find("Path=/") != std::string::npos);
        // Plain HTTP on loopback: the closest valid cookie has no Secure and no __Host-.
        QVERIFY(cookieLine.find("Secure") == std::string::npos);
        const std::string cookie = "dcc_session=" + launched.cookie("dcc_session").value_or("");

        const auto page = m_client->get("/dcc/", {{"Cookie", cookie}});
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.find("Jean DUPONT") != std::string::npos);
        QVERIFY(page.body.find("j.dupont") != std::string::npos);
        QVERIFY(page.body.find("code reçu par e-mail") != std::string::npos);

        const auto session = m_client->get("/api/v1/session", {{"Cookie", cookie}});
        DCC_COMPARE_ANSWER(session, 200, "");
        QCOMPARE(session.json()->getValue<std::string>("identifier"), std::string("j.dupont"));
        QCOMPARE(session.json()->getValue<std::string>("method"), std::string("otp"));

        // The ticket works once.
        const auto again = m_client->get(launchPath);
        QCOMPARE(again.status, 410);
        QVERIFY(again.body.find("lien de connexion") != std::string::npos);
        QVERIFY(again.setCookies.empty());
    }

    void wrongCodesCountDownThenTheCodeIsDead()
    {
        const std::string flow = startFlow();
        const std::string code = m_server->newCode().toStdString();
        for (int left = 4; left >= 1; --left) {
            const auto wrong =
                m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, otherCode(code)));
            DCC_COMPARE_ANSWER(wrong, 400, "invalid_code");
            QCOMPARE(wrong.json()->getValue<int>("attempts_left"), left);
        }
        const auto fifth =
            m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, otherCode(code)));
        DCC_COMPARE_ANSWER(fifth, 429, "too_many_attempts");
        // Even the right code is refused now.
        const auto right = m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code));
        DCC_COMPARE_ANSWER(right, 429, "too_many_attempts");
        // A new code brings five new tries.
        m_server->clock().advance(30);
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 200, "");
        const std::string fresh = m_server->newCode().toStdString();
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, fresh)),
                           200, "");
    }

    void malformedCodeCostsAnAttempt()
    {
        const std::string flow = startFlow();
        (void)m_server->newCode();
        const auto answer = m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, "12a456"));
        DCC_COMPARE_ANSWER(answer, 400, "invalid_code");
        QCOMPARE(answer.json()->getValue<int>("attempts_left"), 4);
    }

    void codeExpiresAfterTenMinutes()
    {
        const std::string flow = startFlow();
        const std::string code = m_server->newCode().toStdString();
        m_server->clock().advance(600);
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code)), 410,
                           "code_expired");
        // "Recevoir un nouveau code" is the way out.
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 200, "");
        const std::string fresh = m_server->newCode().toStdString();
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, fresh)),
                           200, "");
    }

    void codeStillValidJustBeforeTenMinutes()
    {
        const std::string flow = startFlow();
        const std::string code = m_server->newCode().toStdString();
        m_server->clock().advance(599);
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code)), 200,
                           "");
    }

    void resendWaitsThirtySecondsAndKillsTheOldCode()
    {
        const std::string flow = startFlow();
        const std::string first = m_server->newCode().toStdString();
        m_server->clock().advance(10);
        const auto early = m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow));
        DCC_COMPARE_ANSWER(early, 429, "rate_limited");
        QCOMPARE(early.json()->getValue<int>("retry_after"), 20);
        QCOMPARE(early.header("Retry-After"), std::string("20"));
        QVERIFY(m_server->newMails().isEmpty());

        m_server->clock().advance(20);
        const auto resent = m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow));
        DCC_COMPARE_ANSWER(resent, 200, "");
        QCOMPARE(resent.json()->getValue<std::string>("flow"), flow);
        QCOMPARE(resent.json()->getValue<std::string>("channel"),
                 std::string("j***.d***@hopital.fr"));
        const std::string second = m_server->newCode().toStdString();

        if (second != first) {
            const auto old = m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, first));
            DCC_COMPARE_ANSWER(old, 400, "invalid_code");
        }
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, second)),
                           200, "");
    }

    void atMostFiveCodesPerQuarterHour()
    {
        const std::string flow = startFlow();
        for (int i = 0; i < 4; ++i) {
            m_server->clock().advance(30);
            DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 200,
                               "");
        }
        QCOMPARE(m_server->newMails().size(), 5);
        m_server->clock().advance(30);
        const auto sixth = m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow));
        DCC_COMPARE_ANSWER(sixth, 429, "rate_limited");
        // The first code was sent 150 s ago: the quota frees up 750 s from now.
        QCOMPARE(sixth.json()->getValue<int>("retry_after"), 750);
        // A new login does not get round the quota either, and sends nothing.
        const auto restart =
            m_client->postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword));
        DCC_COMPARE_ANSWER(restart, 429, "rate_limited");
        QVERIFY(m_server->newMails().isEmpty());
        m_server->clock().advance(750);
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 200, "");
    }

    void codeIsSingleUse()
    {
        const std::string flow = startFlow();
        const std::string code = m_server->newCode().toStdString();
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code)), 200,
                           "");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/verify", flowBody(flow, code)), 410,
                           "flow_expired");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 410,
                           "flow_expired");
    }

    void codeIsBoundToItsFlow()
    {
        const std::string first = startFlow();
        const std::string firstCode = m_server->newCode().toStdString();
        std::string second = startFlow();
        std::string secondCode = m_server->newCode().toStdString();
        if (secondCode == firstCode) { // one chance in a million: draw once more
            second = startFlow();
            secondCode = m_server->newCode().toStdString();
        }
        QVERIFY(secondCode != firstCode);
        DCC_COMPARE_ANSWER(
            m_client->postJson("/api/v1/auth/otp/verify", flowBody(second, firstCode)), 400,
            "invalid_code");
        DCC_COMPARE_ANSWER(
            m_client->postJson("/api/v1/auth/otp/verify", flowBody(first, firstCode)), 200, "");
    }

    void unknownOrStaleFlowsAreRefused()
    {
        DCC_COMPARE_ANSWER(
            m_client->postJson("/api/v1/auth/otp/verify", flowBody(std::string(43, 'A'), "123456")),
            410, "flow_expired");
        DCC_COMPARE_ANSWER(
            m_client->postJson("/api/v1/auth/otp/verify", flowBody("not a flow", "123456")), 410,
            "flow_expired");
        const std::string flow = startFlow();
        (void)m_server->newCode();
        m_server->clock().advance(1800);
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/otp/resend", flowBody(flow)), 410,
                           "flow_expired");
    }

    void racingVerificationsSucceedOnce()
    {
        for (int round = 0; round < 5; ++round) {
            const std::string flow = startFlow();
            const std::string code = m_server->newCode().toStdString();
            std::atomic<int> successes = 0;
            std::atomic<int> failures = 0;
            std::vector<std::thread> threads;
            for (int i = 0; i < 8; ++i) {
                threads.emplace_back([&] {
                    HttpTestClient client(m_server->baseUrl());
                    const auto answer =
                        client.postJson("/api/v1/auth/otp/verify", flowBody(flow, code));
                    (answer.status == 200 ? successes : failures)++;
                });
            }
            for (auto& thread : threads)
                thread.join();
            QCOMPARE(successes.load(), 1);
            QCOMPARE(failures.load(), 7);
        }
    }

    void mailUnavailableLeavesNoFlow()
    {
        // An outbox under a regular file can never be created: the mail cannot be written.
        InProcessServer broken(
            [](dcc::server::ServerConfig& config) { config.mailOutbox = "/dev/null/outbox"; });
        broken.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        HttpTestClient client(broken.baseUrl());
        const auto answer = client.postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword));
        DCC_COMPARE_ANSWER(answer, 503, "mail_unavailable");
        // Nothing was counted against the quota: five more attempts are possible.
        int accepted = 0;
        for (int i = 0; i < 5; ++i) {
            const auto retry =
                client.postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword));
            accepted += retry.json()->getValue<std::string>("error") == "mail_unavailable" ? 1 : 0;
        }
        QCOMPARE(accepted, 5);
    }
};

QTEST_GUILESS_MAIN(TestOtpLogin)
#include "TestOtpLogin.moc"
