#include "common/CpsChallenge.h"
#include "server/app/ServerComponents.h"
#include "server/store/Database.h"
#include "server/store/Migrations.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/server/RequestBodies.h"
#include "tests/server/TestDatabases.h"
#include "tests/support/Pkcs11TestToken.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"

#include <Poco/JSON/Object.h>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using dcc::Bytes;
using dcc::CpsChallenge;
using dcc::test::base64;
using dcc::test::flowBody;
using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;
using dcc::test::otherCode;
using dcc::test::Pkcs11TestToken;
using dcc::test::ServerProcess;
using dcc::test::TestDatabases;
using dcc::test::TestPki;

namespace {

constexpr auto kPassword = "Soleil-2024";

Poco::JSON::Object credentials(const std::string& identifier)
{
    return dcc::test::credentials(identifier, kPassword);
}

void trustTestPki(dcc::server::ServerConfig& config)
{
    InProcessServer::trustTestPki(config);
}

// Runs `work(i)` on `count` threads at once and waits for them all.
template <typename Work>
void together(int count, Work work)
{
    std::atomic<int> ready = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < count)
                std::this_thread::yield(); // all threads leave the start line together
            work(i);
        });
    }
    for (auto& thread : threads)
        thread.join();
}

} // namespace

/// Several server instances behind one load balancer on one database (PostgreSQL in the
/// `.postgresql` run; the same file on SQLite otherwise): whichever instance answers, the
/// user sees one server, and two instances racing on one flow never both win. Instance B
/// shares A's database, key file and public origin (the load balancer's address).
class TestMultiInstance : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_a;
    std::unique_ptr<InProcessServer> m_b;
    std::unique_ptr<HttpTestClient> m_toA;
    std::unique_ptr<HttpTestClient> m_toB;

    std::string startOtp(HttpTestClient& client, const std::string& identifier = "j.dupont")
    {
        const auto started = client.postJson("/api/v1/auth/otp", credentials(identifier));
        if (started.status != 200) {
            QTest::qFail(("start failed: " + started.body).c_str(), __FILE__, __LINE__);
            return {};
        }
        return started.json()->getValue<std::string>("flow");
    }

    struct Challenge
    {
        std::string flow;
        std::string nonce;
    };

    Challenge challenge(HttpTestClient& client)
    {
        const auto answer = client.postJson("/api/v1/auth/cps/challenge", credentials("j.dupont"));
        if (answer.status != 200) {
            QTest::qFail(("challenge failed: " + answer.body).c_str(), __FILE__, __LINE__);
            return {};
        }
        return {answer.json()->getValue<std::string>("flow"),
                answer.json()->getValue<std::string>("nonce")};
    }

    Poco::JSON::Object cardAnswer(const Challenge& c)
    {
        Pkcs11TestToken token(DCC_TEST_TOKEN_DIR);
        const Bytes signature = token.sign(
            "CPS_PRIV_AUT", Pkcs11TestToken::kRsaPkcs,
            CpsChallenge::digestInfo(CpsChallenge::digest(m_a->config().publicOrigin, c.nonce)),
            token.pin());
        Poco::JSON::Object body;
        body.set("flow", c.flow);
        body.set("certificate", base64(TestPki::bytes("dupont-auth.der")));
        body.set("signature", base64(signature));
        body.set("algorithm", "RS256");
        return body;
    }

    // The path and query of a launch_url (the load balancer's origin, either instance).
    std::string launchPath(const HttpTestClient::Response& verified) const
    {
        const std::string url = verified.json()->getValue<std::string>("launch_url");
        return url.substr(m_a->config().publicOrigin.size());
    }

private Q_SLOTS:
    void init()
    {
        m_a = std::make_unique<InProcessServer>(trustTestPki);
        m_b = std::make_unique<InProcessServer>([this](dcc::server::ServerConfig& config) {
            trustTestPki(config);
            config.database = m_a->config().database;
            config.keyFile = m_a->config().keyFile;
            config.publicOrigin = m_a->config().publicOrigin;
        });
        m_a->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                        "810001234567");
        m_toA = std::make_unique<HttpTestClient>(m_a->baseUrl());
        m_toB = std::make_unique<HttpTestClient>(m_b->baseUrl());
    }
    void cleanup()
    {
        m_toA.reset();
        m_toB.reset();
        m_b.reset();
        m_a.reset();
    }

    void otpLoginStartedOnAFinishesOnBAndItsTicketWorksOnA()
    {
        const std::string flow = startOtp(*m_toA);
        const std::string code = m_a->newCode().toStdString();
        const auto verified = m_toB->postJson("/api/v1/auth/otp/verify", flowBody(flow, code));
        DCC_COMPARE_ANSWER(verified, 200, "");
        QCOMPARE(verified.json()->getValue<std::string>("display_name"),
                 std::string("Jean DUPONT"));

        const auto launched = m_toA->get(launchPath(verified));
        QCOMPARE(launched.status, 302);
        const std::string cookie = "dcc_session=" + launched.cookie("dcc_session").value_or("");
        // The session made by A is known to B, and a logout on B ends it on A.
        const auto onB = m_toB->get("/api/v1/session", {{"Cookie", cookie}});
        DCC_COMPARE_ANSWER(onB, 200, "");
        QCOMPARE(onB.json()->getValue<std::string>("identifier"), std::string("j.dupont"));
        QCOMPARE(
            m_toB->postJson("/api/v1/logout", Poco::JSON::Object(), {{"Cookie", cookie}}).status /
                100,
            2);
        QCOMPARE(m_toA->get("/api/v1/session", {{"Cookie", cookie}}).status, 401);
        // The ticket was single-use on every instance.
        QCOMPARE(m_toB->get(launchPath(verified)).status / 100, 4);
    }

    void cpsLoginStartedOnAFinishesOnB()
    {
        const Challenge c = challenge(*m_toA);
        const auto verified = m_toB->postJson("/api/v1/auth/cps/verify", cardAnswer(c));
        DCC_COMPARE_ANSWER(verified, 200, "");
        const auto launched = m_toB->get(launchPath(verified));
        QCOMPARE(launched.status, 302);
        // The nonce was consumed for every instance.
        DCC_COMPARE_ANSWER(m_toA->postJson("/api/v1/auth/cps/verify", cardAnswer(c)), 410,
                           "flow_expired");
    }

    void racingCodeVerificationsOnTwoInstancesSucceedOnce()
    {
        for (int round = 0; round < 25; ++round) {
            const std::string flow = startOtp(round % 2 == 0 ? *m_toA : *m_toB);
            InProcessServer& sender = round % 2 == 0 ? *m_a : *m_b;
            const std::string code = sender.newCode().toStdString();
            std::atomic<int> successes = 0;
            together(8, [&](int i) {
                HttpTestClient client(i % 2 == 0 ? m_a->baseUrl() : m_b->baseUrl());
                if (client.postJson("/api/v1/auth/otp/verify", flowBody(flow, code)).status == 200)
                    ++successes;
            });
            QCOMPARE(successes.load(), 1);
            // Five logins per quarter-hour and account: move both clocks past the quota.
            m_a->clock().advance(15 * 60);
            m_b->clock().advance(15 * 60);
        }
    }

    void racingNonceVerificationsOnTwoInstancesSucceedOnce()
    {
        for (int round = 0; round < 15; ++round) {
            const Challenge c = challenge(round % 2 == 0 ? *m_toA : *m_toB);
            const Poco::JSON::Object body = cardAnswer(c);
            std::atomic<int> successes = 0;
            together(6, [&](int i) {
                HttpTestClient client(i % 2 == 0 ? m_a->baseUrl() : m_b->baseUrl());
                if (client.postJson("/api/v1/auth/cps/verify", body).status == 200)
                    ++successes;
            });
            QCOMPARE(successes.load(), 1);
        }
    }

    void attemptCapHoldsAcrossInstances()
    {
        const std::string flow = startOtp(*m_toA);
        const std::string code = m_a->newCode().toStdString();
        // Five wrong codes, alternating instances: the count is one count.
        for (int i = 0; i < 5; ++i) {
            HttpTestClient& client = i % 2 == 0 ? *m_toA : *m_toB;
            const auto wrong =
                client.postJson("/api/v1/auth/otp/verify", flowBody(flow, otherCode(code)));
            if (i < 4)
                DCC_COMPARE_ANSWER(wrong, 400, "invalid_code");
            else
                DCC_COMPARE_ANSWER(wrong, 429, "too_many_attempts");
            QCOMPARE(wrong.json()->getValue<int>("attempts_left"), 4 - i);
        }
        // Wrong codes in parallel on both instances never get past the cap either.
        const std::string flow2 = [&] {
            m_a->clock().advance(15 * 60);
            m_b->clock().advance(15 * 60);
            return startOtp(*m_toB);
        }();
        const std::string code2 = m_b->newCode().toStdString();
        together(12, [&](int i) {
            HttpTestClient client(i % 2 == 0 ? m_a->baseUrl() : m_b->baseUrl());
            client.postJson("/api/v1/auth/otp/verify", flowBody(flow2, otherCode(code2)));
        });
        for (const auto& [f, c] : {std::pair{flow, code}, std::pair{flow2, code2}}) {
            const auto right = m_toB->postJson("/api/v1/auth/otp/verify", flowBody(f, c));
            QVERIFY2(right.status != 200, right.body.c_str());
        }
    }

    void codeQuotaHoldsWhenInstancesSendAtOnce()
    {
        std::atomic<int> sent = 0;
        std::atomic<int> limited = 0;
        together(14, [&](int i) {
            HttpTestClient client(i % 2 == 0 ? m_a->baseUrl() : m_b->baseUrl());
            const int status = client.postJson("/api/v1/auth/otp", credentials("j.dupont")).status;
            if (status == 200)
                ++sent;
            else if (status == 429)
                ++limited;
        });
        QCOMPARE(sent.load(), 5);
        QCOMPARE(limited.load(), 9);
        QCOMPARE(m_a->newMails().size() + m_b->newMails().size(), 5);
    }

    void instanceWithAnotherKeyFileIsRefused()
    {
        QTemporaryDir dir;
        try {
            InProcessServer stranger([&](dcc::server::ServerConfig& config) {
                config.database = m_a->config().database;
                config.keyFile = dir.filePath("other.key").toStdString();
            });
            QFAIL("an instance with another key started on the shared database");
        } catch (const dcc::server::ConfigError& e) {
            QVERIFY2(std::string(e.what()).find("not the key this database is used with") !=
                         std::string::npos,
                     e.what());
        }
        // The instances with the right key go on working.
        DCC_COMPARE_ANSWER(m_toB->postJson("/api/v1/auth/otp", credentials("j.dupont")), 200, "");
    }

    void instancesStartingTogetherMigrateOnce()
    {
        QTemporaryDir dir;
        const dcc::server::DatabaseSettings settings =
            TestDatabases::fresh(dir.filePath("shared.db").toStdString());
        std::atomic<int> failures = 0;
        std::vector<int> versions(4, 0);
        together(4, [&](int i) {
            try {
                dcc::server::Database database(settings);
                versions[static_cast<std::size_t>(i)] = database.schemaVersion();
            } catch (const std::exception& e) {
                qWarning("instance %d: %s", i, e.what());
                ++failures;
            }
        });
        QCOMPARE(failures.load(), 0);
        for (const int version : versions)
            QCOMPARE(version, dcc::server::Migrations::latestVersion());
    }

    // The real processes: A is killed (SIGKILL) between sending the code and its check;
    // B, on the same database, finishes the login.
    void instanceKilledMidLoginLosesNothing()
    {
        ServerProcess a;
        ServerProcess b;
        QTemporaryDir shared;
        // On PostgreSQL they join m_a's schema, whose key fingerprint is m_a's key.
        const QString key = QString::fromStdString(m_a->config().keyFile);
        for (ServerProcess* process : {&a, &b}) {
            if (TestDatabases::onPostgreSQL()) {
                process->set("database.driver", "postgresql");
                process->set("database.url",
                             QString::fromStdString(m_a->config().database.location));
                process->unset("database.path");
            } else {
                process->set("database.path", shared.filePath("dcc-login.db"));
            }
            process->set("security.keyFile", key);
            process->set("server.publicOrigin", a.baseUrl());
        }
        a.start();
        b.start();
        // The account exists already on PostgreSQL (m_a's schema); on SQLite, create it.
        if (!TestDatabases::onPostgreSQL()) {
            const auto added = a.runCli(
                {"user", "add", "j.dupont", "--email=jean.dupont@hopital.fr", "--name=Jean DUPONT"},
                QByteArray(kPassword) + "\n");
            QVERIFY2(added.exitCode == 0, added.standardError.constData());
        }
        HttpTestClient toA(a.baseUrl());
        HttpTestClient toB(b.baseUrl());
        const std::string flow = startOtp(toA);
        const QStringList mails = a.waitForOutboxMessages(1);
        const std::string code =
            ServerProcess::codeFromMail(ServerProcess::readMail(mails.front())).toStdString();
        a.kill();
        const auto verified = toB.postJson("/api/v1/auth/otp/verify", flowBody(flow, code));
        DCC_COMPARE_ANSWER(verified, 200, "");
        const auto launched = toB.get(launchPath(verified));
        QCOMPARE(launched.status, 302);
    }
};

QTEST_GUILESS_MAIN(TestMultiInstance)
#include "TestMultiInstance.moc"
