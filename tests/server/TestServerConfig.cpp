#include "server/app/ServerConfig.h"
#include "tests/support/TestPki.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>
#include <QtTest>

#include <map>

using dcc::server::ConfigError;
using dcc::server::ServerConfig;

namespace {

Poco::AutoPtr<Poco::Util::MapConfiguration> baseConfiguration(bool tls)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    config->setString("database.path", "/tmp/unused.db");
    config->setString("mail.transport", "file");
    config->setString("mail.outbox", "/tmp/unused-outbox");
    config->setString("mail.from", "webdcr@onco-hdf.fr");
    if (tls) {
        config->setString("server.address", "0.0.0.0");
        config->setString("tls.certificate",
                          dcc::test::TestPki::path("localhost.pem").toStdString());
        config->setString("tls.privateKey",
                          dcc::test::TestPki::path("localhost.key.pem").toStdString());
    }
    return config;
}

} // namespace

/// The configuration as start-up reads it (each refusal names its key: see
/// TestServerProcess); here, what it makes of valid values.
class TestServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The CPS signature covers the origin's exact text: one spelling, the one the client
    // derives from its server URL (lower case, default port left out).
    void publicOriginHasOneSpelling_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("origin");
        QTest::newRow("upper case and default port") << true << "HTTPS://DCC-Login.Hopital.FR:443/"
                                                     << "https://dcc-login.hopital.fr";
        QTest::newRow("other port kept") << true << "https://dcc-login.hopital.fr:8443"
                                         << "https://dcc-login.hopital.fr:8443";
        QTest::newRow("plain loopback") << false << "http://127.0.0.1:8080/"
                                        << "http://127.0.0.1:8080";
        QTest::newRow("plain default port") << false << "http://localhost:80"
                                            << "http://localhost";
    }
    void publicOriginHasOneSpelling()
    {
        QFETCH(bool, tls);
        QFETCH(QString, configured);
        QFETCH(QString, origin);
        auto config = baseConfiguration(tls);
        config->setString("server.publicOrigin", configured.toStdString());
        QCOMPARE(QString::fromStdString(ServerConfig::from(*config).publicOrigin), origin);
    }

    void schemeMustMatchTheListener()
    {
        auto config = baseConfiguration(true);
        config->setString("server.publicOrigin", "http://dcc-login.hopital.fr");
        QVERIFY_THROWS_EXCEPTION(ConfigError, ServerConfig::from(*config));
    }

    void databaseDriverIsSqliteOrPostgreSQL_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        const QString url = "host=db.example.org port=5432 dbname=dcc_login user=dcc";
        QTest::newRow("sqlite by default") << ""
                                           << ""
                                           << ""
                                           << "";
        QTest::newRow("postgresql") << "PostgreSQL" << url << "/etc/key"
                                    << "";
        QTest::newRow("unknown driver") << "mysql"
                                        << ""
                                        << ""
                                        << "database.driver";
        QTest::newRow("postgresql without url") << "postgresql"
                                                << ""
                                                << "/etc/key"
                                                << "database.url is required";
        QTest::newRow("postgresql with a URI") << "postgresql"
                                               << "postgresql://dcc@db/dcc_login"
                                               << "/etc/key"
                                               << "not a URI";
        QTest::newRow("quoted value") << "postgresql"
                                      << "host=db password='a b'"
                                      << "/etc/key"
                                      << "cannot be quoted";
        QTest::newRow("not a pair") << "postgresql"
                                    << "host=db secret"
                                    << "/etc/key"
                                    << "item 2 is not a keyword=value pair";
        QTest::newRow("postgresql without key file") << "postgresql" << url << ""
                                                     << "security.keyFile is required";
    }
    void databaseDriverIsSqliteOrPostgreSQL()
    {
        QFETCH(QString, driver);
        QFETCH(QString, url);
        QFETCH(QString, keyFile);
        QFETCH(QString, refusal);
        auto config = baseConfiguration(false);
        config->setString("server.publicOrigin", "http://127.0.0.1:8080");
        if (!driver.isEmpty())
            config->setString("database.driver", driver.toStdString());
        if (!url.isEmpty())
            config->setString("database.url", url.toStdString());
        if (!keyFile.isEmpty())
            config->setString("security.keyFile", keyFile.toStdString());
        try {
            const ServerConfig parsed = ServerConfig::from(*config);
            QVERIFY2(refusal.isEmpty(), qPrintable("accepted, expected: " + refusal));
            const bool postgresql = driver.compare("postgresql", Qt::CaseInsensitive) == 0;
            QCOMPARE(parsed.database.driver == dcc::server::SqlDriver::PostgreSQL, postgresql);
            QCOMPARE(QString::fromStdString(parsed.database.location),
                     postgresql ? url : QString("/tmp/unused.db"));
        } catch (const ConfigError& e) {
            QVERIFY2(!refusal.isEmpty() && QString(e.what()).contains(refusal), e.what());
            // The text of a pair may be part of a password: never repeated in the message.
            QVERIFY2(!QString(e.what()).contains("secret") && !QString(e.what()).contains("a b"),
                     e.what());
        }
    }

    void defaultsAreTheDesignOnes()
    {
        auto config = baseConfiguration(false);
        config->setString("server.publicOrigin", "http://127.0.0.1:8080");
        const ServerConfig parsed = ServerConfig::from(*config);
        QCOMPARE(parsed.auth.otpLifetime, 600);
        QCOMPARE(parsed.auth.otpResendDelay, 30);
        QCOMPARE(parsed.auth.otpMaxAttempts, 5);
        QCOMPARE(parsed.auth.ticketLifetime, 60);
        QCOMPARE(parsed.auth.sessionIdleTimeout, 1800);
        QCOMPARE(parsed.auth.sessionAbsoluteTimeout, 43200);
        QCOMPARE(parsed.auth.sessionCacheMilliseconds, 1000);
        QCOMPARE(parsed.reset.tokenLifetime, 1800);
        QCOMPARE(parsed.argon2.memoryKiB, 19456u);
        QCOMPARE(parsed.passwordPolicy.minLength, std::size_t{8});
        QVERIFY(!parsed.cps.enabled());
        QVERIFY(!parsed.dcc.enabled());
        QCOMPARE(parsed.maxThreads, 64);
        QCOMPARE(parsed.maxQueued, 64);
        QCOMPARE(parsed.maxConnections, 1000);
        QCOMPARE(parsed.ioThreads, 0); // one connection loop per processor
        QCOMPARE(parsed.requestTimeout, 20);
        QCOMPARE(parsed.keepAliveTimeout, 15);
    }

    void connectionLimitsAreBounded_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("loops 0") << "server.ioThreads"
                                 << "0" << true;
        QTest::newRow("loops 256") << "server.ioThreads"
                                   << "256" << true;
        QTest::newRow("loops 257") << "server.ioThreads"
                                   << "257" << false;
        QTest::newRow("loops -1") << "server.ioThreads"
                                  << "-1" << false;
        QTest::newRow("connections 1") << "server.maxConnections"
                                       << "1" << true;
        QTest::newRow("connections 0") << "server.maxConnections"
                                       << "0" << false;
        QTest::newRow("request timeout 1") << "server.requestTimeout"
                                           << "1" << true;
        QTest::newRow("request timeout 0") << "server.requestTimeout"
                                           << "0" << false;
        QTest::newRow("request timeout 601") << "server.requestTimeout"
                                             << "601" << false;
        QTest::newRow("keep-alive 3600") << "server.keepAliveTimeout"
                                         << "3600" << true;
        QTest::newRow("keep-alive 0") << "server.keepAliveTimeout"
                                      << "0" << false;
    }
    void connectionLimitsAreBounded()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        auto config = baseConfiguration(false);
        config->setString("server.publicOrigin", "http://127.0.0.1:8080");
        config->setString(key.toStdString(), value.toStdString());
        try {
            const ServerConfig parsed = ServerConfig::from(*config);
            QVERIFY(accepted);
            const std::map<QString, int> values{
                {"server.ioThreads", parsed.ioThreads},
                {"server.maxConnections", parsed.maxConnections},
                {"server.requestTimeout", parsed.requestTimeout},
                {"server.keepAliveTimeout", parsed.keepAliveTimeout}};
            QCOMPARE(values.at(key), value.toInt());
        } catch (const ConfigError& e) {
            QVERIFY2(!accepted, e.what());
            QVERIFY2(QString(e.what()).contains(key), e.what());
        }
    }

    void sessionCacheLifetimeIsBounded()
    {
        // It is also how long a revocation on another instance may go unseen: at most 10 s.
        for (const auto& [value, accepted] : std::vector<std::pair<std::string, bool>>{
                 {"0", true}, {"10000", true}, {"10001", false}, {"-1", false}}) {
            auto config = baseConfiguration(false);
            config->setString("server.publicOrigin", "http://127.0.0.1:8080");
            config->setString("session.cacheMilliseconds", value);
            try {
                const ServerConfig parsed = ServerConfig::from(*config);
                QVERIFY2(accepted, value.c_str());
                QCOMPARE(parsed.auth.sessionCacheMilliseconds, std::stoi(value));
            } catch (const ConfigError& e) {
                QVERIFY2(!accepted, e.what());
                QVERIFY2(std::string(e.what()).find("session.cacheMilliseconds") !=
                             std::string::npos,
                         e.what());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestServerConfig)
#include "TestServerConfig.moc"
