#include "server/app/ServerComponents.h"
#include "server/store/AccountStore.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"

#include <Poco/JSON/Object.h>
#include <QtTest>

#include <algorithm>
#include <chrono>

using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;

namespace {

constexpr auto kPassword = "Soleil-2024";

Poco::JSON::Object credentials(const std::string& identifier, const std::string& password)
{
    Poco::JSON::Object body;
    body.set("identifier", identifier);
    body.set("password", password);
    return body;
}

} // namespace

/// The password step shared by every login: same answer for every kind of failure,
/// growing delays, lock, and no telling known from unknown identifiers.
class TestPasswordStep : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    std::int64_t m_accountId = 0;

    HttpTestClient::Response login(const std::string& identifier, const std::string& password)
    {
        return m_client->postJson("/api/v1/auth/otp", credentials(identifier, password));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<InProcessServer>();
        m_accountId =
            m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        m_server->addAccount("d.disabled", "d.disabled@hopital.fr", "Denis DISABLED", kPassword);
        m_server->components().accounts().setDisabled(
            m_server->components().accounts().findByIdentifier("d.disabled")->id, true, 0);
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void everyFailureLooksTheSame_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("password");
        QTest::newRow("wrong password") << "j.dupont"
                                        << "Soleil-2025";
        QTest::newRow("unknown identifier") << "z.nobody" << kPassword;
        QTest::newRow("malformed identifier") << "not an identifier" << kPassword;
        QTest::newRow("disabled account, right password") << "d.disabled" << kPassword;
    }
    void everyFailureLooksTheSame()
    {
        QFETCH(QString, identifier);
        QFETCH(QString, password);
        const auto answer = login(identifier.toStdString(), password.toStdString());
        DCC_COMPARE_ANSWER(answer, 401, "invalid_credentials");
        const auto reference = login("j.dupont", "Soleil-2025");
        QCOMPARE(answer.body, reference.body);
        QVERIFY(m_server->newMails().isEmpty());
    }

    // Unknown identifiers cost an Argon2id verification too. Medians over interleaved
    // runs, with the real Argon2id parameters so that the hash dominates the time.
    void unknownAndKnownIdentifiersTakeTheSameTime()
    {
#ifdef DCC_SANITIZED
        QSKIP("durations compared under ASan/UBSan mean nothing (cmake/DccSanitizers.cmake)");
#endif
        InProcessServer server([](dcc::server::ServerConfig& config) {
            config.argon2 = {19 * 1024, 2, 1};
            config.auth.accountFreeFailures = 1000;
            config.auth.accountLockFailures = 1000;
            config.auth.addressFreeFailures = 1000;
        });
        server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        HttpTestClient client(server.baseUrl());
        std::vector<double> known;
        std::vector<double> unknown;
        for (int i = 0; i < 15; ++i) {
            for (const bool isKnown : {true, false}) {
                const auto start = std::chrono::steady_clock::now();
                const auto answer =
                    client.postJson("/api/v1/auth/otp",
                                    credentials(isKnown ? "j.dupont" : "z.nobody", "Wrong-pass1"));
                const double ms = std::chrono::duration<double, std::milli>(
                                      std::chrono::steady_clock::now() - start)
                                      .count();
                QCOMPARE(answer.status, 401);
                (isKnown ? known : unknown).push_back(ms);
            }
        }
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        const double a = median(known);
        const double b = median(unknown);
        qInfo("median known %.1f ms, unknown %.1f ms", a, b);
        // Without the decoy hash the unknown identifier answers about 10x faster.
        QVERIFY2(std::abs(a - b) < 0.25 * std::max(a, b),
                 qPrintable(QString("known %1 ms, unknown %2 ms").arg(a).arg(b)));
    }

    void failuresBringGrowingDelaysThenALock()
    {
        // Three free failures, then 1 s, 2 s, 4 s … between tries.
        for (int i = 0; i < 3; ++i)
            DCC_COMPARE_ANSWER(login("j.dupont", "Wrong-pass1"), 401, "invalid_credentials");
        DCC_COMPARE_ANSWER(login("j.dupont", "Wrong-pass1"), 401, "invalid_credentials");
        const auto blocked = login("j.dupont", kPassword);
        DCC_COMPARE_ANSWER(blocked, 429, "rate_limited");
        QCOMPARE(blocked.json()->getValue<int>("retry_after"), 1);
        QCOMPARE(blocked.header("Retry-After"), std::string("1"));

        // Failures 5 to 10, waiting out each delay: the tenth locks the account.
        std::int64_t delay = 1;
        for (int failure = 5; failure <= 10; ++failure) {
            m_server->clock().advance(delay);
            DCC_COMPARE_ANSWER(login("j.dupont", "Wrong-pass1"), 401, "invalid_credentials");
            delay *= 2;
        }
        m_server->clock().advance(60);
        // Locked: the right password answers exactly like a wrong one, and sends nothing.
        const auto locked = login("j.dupont", kPassword);
        DCC_COMPARE_ANSWER(locked, 401, "invalid_credentials");
        QVERIFY(m_server->newMails().isEmpty());

        // The lock ends by itself after 15 minutes.
        m_server->clock().advance(900);
        DCC_COMPARE_ANSWER(login("j.dupont", kPassword), 200, "");
        QCOMPARE(m_server->newMails().size(), 1);
    }

    void successClearsTheIdentifierCount()
    {
        for (int i = 0; i < 3; ++i)
            DCC_COMPARE_ANSWER(login("j.dupont", "Wrong-pass1"), 401, "invalid_credentials");
        DCC_COMPARE_ANSWER(login("j.dupont", kPassword), 200, "");
        // Counting starts again: three more free failures.
        for (int i = 0; i < 3; ++i)
            DCC_COMPARE_ANSWER(login("j.dupont", "Wrong-pass1"), 401, "invalid_credentials");
        DCC_COMPARE_ANSWER(login("j.dupont", kPassword), 200, "");
    }

    void unknownIdentifiersAreThrottledAlike()
    {
        for (int i = 0; i < 4; ++i)
            DCC_COMPARE_ANSWER(login("z.nobody", "Wrong-pass1"), 401, "invalid_credentials");
        DCC_COMPARE_ANSWER(login("z.nobody", "Wrong-pass1"), 429, "rate_limited");
    }

    void oneAddressCannotSprayManyAccounts()
    {
        InProcessServer server(
            [](dcc::server::ServerConfig& config) { config.auth.addressFreeFailures = 5; });
        server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        HttpTestClient client(server.baseUrl());
        for (int i = 0; i < 6; ++i) {
            const auto answer = client.postJson(
                "/api/v1/auth/otp", credentials("u.user" + std::to_string(i), "Wrong-pass1"));
            DCC_COMPARE_ANSWER(answer, 401, "invalid_credentials");
        }
        // Even a right password from this address waits now.
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword)),
                           429, "rate_limited");
    }

    void passwordIsRehashedWhenParametersChange()
    {
        const std::string before =
            *m_server->components().accounts().findById(m_accountId)->passwordHash;
        QVERIFY(before.find("m=1024,t=1,p=1") != std::string::npos);
        // The same database, served with stronger parameters.
        InProcessServer stronger([&](dcc::server::ServerConfig& config) {
            config.database = m_server->config().database;
            config.keyFile = m_server->config().keyFile;
            config.argon2 = {2048, 2, 1};
        });
        HttpTestClient client(stronger.baseUrl());
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials("j.dupont", kPassword)),
                           200, "");
        const std::string after =
            *stronger.components().accounts().findById(m_accountId)->passwordHash;
        QVERIFY2(after.find("m=2048,t=2,p=1") != std::string::npos, after.c_str());
        // A failed login does not rehash anything.
        QVERIFY(before != after);
    }
};

QTEST_GUILESS_MAIN(TestPasswordStep)
#include "TestPasswordStep.moc"
