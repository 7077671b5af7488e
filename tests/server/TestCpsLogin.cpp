#include "common/CpsChallenge.h"
#include "server/app/ServerComponents.h"
#include "server/store/AuditStore.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/server/RequestBodies.h"
#include "tests/support/Pkcs11TestToken.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"

#include <Poco/JSON/Object.h>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <openssl/evp.h>
#include <openssl/pem.h>

using dcc::Bytes;
using dcc::CpsChallenge;
using dcc::test::base64;
using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;
using dcc::test::Pkcs11TestToken;
using dcc::test::TestPki;

namespace {

constexpr auto kPassword = "Soleil-2024";

// What a CPS card does: CKM_RSA_PKCS over the DigestInfo of the challenge digest.
Bytes cardSignature(const QString& tokenDir, const char* keyLabel, const std::string& origin,
                    const std::string& nonce)
{
    Pkcs11TestToken token(tokenDir);
    return token.sign(keyLabel, Pkcs11TestToken::kRsaPkcs,
                      CpsChallenge::digestInfo(CpsChallenge::digest(origin, nonce)), token.pin());
}

// The same signature made with a key file of the test PKI (for certificates no token holds).
Bytes fileKeySignature(const QString& keyFile, const std::string& origin, const std::string& nonce)
{
    const Bytes pem = TestPki::bytes(keyFile);
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const Bytes data = CpsChallenge::signedData(origin, nonce);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(context, nullptr, &length, data.data(), data.size());
    Bytes signature(length);
    EVP_DigestSign(context, signature.data(), &length, data.data(), data.size());
    signature.resize(length);
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return signature;
}

void trustTestPki(dcc::server::ServerConfig& config)
{
    InProcessServer::trustTestPki(config);
}

} // namespace

/// Guide section 4 on the server: challenge, card signature, certificate checks, each
/// refusal with its reason. Signatures are made through PKCS#11 on SoftHSM CPS-like tokens
/// with CKM_RSA_PKCS over the DigestInfo, exactly as the client does with a real card.
class TestCpsLogin : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;

    struct Challenge
    {
        std::string flow;
        std::string nonce;
    };

    Challenge challenge(const std::string& identifier = "j.dupont")
    {
        Poco::JSON::Object body;
        body.set("identifier", identifier);
        body.set("password", kPassword);
        const auto answer = m_client->postJson("/api/v1/auth/cps/challenge", body);
        if (answer.status != 200) {
            QTest::qFail(("challenge failed: " + answer.body).c_str(), __FILE__, __LINE__);
            return {};
        }
        return {answer.json()->getValue<std::string>("flow"),
                answer.json()->getValue<std::string>("nonce")};
    }

    HttpTestClient::Response verify(const Challenge& c, const Bytes& certificate,
                                    const Bytes& signature, const std::string& algorithm = "RS256")
    {
        Poco::JSON::Object body;
        body.set("flow", c.flow);
        body.set("certificate", base64(certificate));
        body.set("signature", base64(signature));
        body.set("algorithm", algorithm);
        return m_client->postJson("/api/v1/auth/cps/verify", body);
    }

    std::string origin() const { return m_server->baseUrl().toStdString(); }

    // A full card login for Jean Dupont; the answer of the verify step.
    HttpTestClient::Response dupontCardLogin()
    {
        const Challenge c = challenge();
        return verify(c, TestPki::bytes("dupont-auth.der"),
                      cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce));
    }

    void startServer(const std::function<void(dcc::server::ServerConfig&)>& tweak = trustTestPki)
    {
        m_server = std::make_unique<InProcessServer>(tweak);
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                             "810001234567");
        m_server->addAccount("a.martin-durand", "aline.martin@clinique.fr", "Aline MARTIN-DURAND",
                             kPassword, "0751234567");
        m_server->addAccount("p.leroy", "paul.leroy@pharmacie.fr", "Paul LEROY", kPassword,
                             "810009876543");
        m_server->addAccount("e.expire", "e@h.fr", "Eric EXPIRE", kPassword, "810000000011");
        m_server->addAccount("f.futur", "f@h.fr", "Fanny FUTUR", kPassword, "810000000022");
        m_server->addAccount("r.revoque", "r@h.fr", "Remi REVOQUE", kPassword, "810000000033");
        m_server->addAccount("e.etranger", "et@h.fr", "Elsa ETRANGER", kPassword, "810000000044");
        m_server->addAccount("s.signature", "s@h.fr", "Serge SIGNATURE", kPassword, "810000000055");
        m_server->addAccount("n.nocard", "n@h.fr", "Nina NOCARD", kPassword);
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void rppsCardLogsInAndHandsOff()
    {
        const Challenge c = challenge();
        QCOMPARE(c.flow.size(), std::size_t{43});
        QCOMPARE(c.nonce.size(), std::size_t{44}); // base64 of 32 bytes
        const auto done =
            verify(c, TestPki::bytes("dupont-auth.der"),
                   cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce));
        DCC_COMPARE_ANSWER(done, 200, "");
        QCOMPARE(done.json()->getValue<std::string>("display_name"), std::string("Jean DUPONT"));
        const std::string url = done.json()->getValue<std::string>("launch_url");
        const auto launched = m_client->get(url.substr(origin().size()));
        QCOMPARE(launched.status, 302);
        const std::string cookie = "dcc_session=" + launched.cookie("dcc_session").value_or("");
        const auto session = m_client->get("/api/v1/session", {{"Cookie", cookie}});
        QCOMPARE(session.json()->getValue<std::string>("method"), std::string("cps"));
        QCOMPARE(session.json()->getArray("amr")->getElement<std::string>(1), std::string("sc"));
        QVERIFY(m_client->get("/dcc/", {{"Cookie", cookie}}).body.find("carte CPS") !=
                std::string::npos);

        // The audit row names the card's certificate.
        const auto rows = m_server->components().auditStore().tail(20);
        const auto verified = std::find_if(rows.begin(), rows.end(), [](const auto& row) {
            return row.event == "cps.verify" && row.outcome == "ok";
        });
        QVERIFY(verified != rows.end());
        QVERIFY(verified->detail.find("CN=810001234567") != std::string::npos);
        QVERIFY(verified->detail.find("serial=") != std::string::npos);
        QVERIFY(verified->detail.find("issuer=CN=TEST AC IGC-SANTE FORTE PERSONNES") !=
                std::string::npos);
    }

    void adeliCardLogsIn()
    {
        const Challenge c = challenge("a.martin-durand");
        DCC_COMPARE_ANSWER(
            verify(c, TestPki::bytes("martin-auth.der"),
                   cardSignature(DCC_TEST_ADELI_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce)),
            200, "");
    }

    void ecTokenLogsInWithEs256()
    {
        const Challenge c = challenge("p.leroy");
        const auto digest = CpsChallenge::digest(origin(), c.nonce);
        Pkcs11TestToken token(DCC_TEST_EC_TOKEN_DIR);
        const Bytes signature = token.sign("CPS_PRIV_AUT", Pkcs11TestToken::kEcdsa,
                                           Bytes(digest.begin(), digest.end()), token.pin());
        DCC_COMPARE_ANSWER(verify(c, TestPki::bytes("leroy-ec-auth.der"), signature, "ES256"), 200,
                           "");
    }

    void signatureForAnotherOriginIsRefused()
    {
        const Challenge c = challenge();
        const auto answer = verify(
            c, TestPki::bytes("dupont-auth.der"),
            cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", "https://relay.example", c.nonce));
        DCC_COMPARE_ANSWER(answer, 401, "signature_invalid");
    }

    void tamperedDigestOrSignatureIsRefused()
    {
        Challenge c = challenge();
        Bytes signature =
            cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce + "x");
        DCC_COMPARE_ANSWER(verify(c, TestPki::bytes("dupont-auth.der"), signature), 401,
                           "signature_invalid");
        c = challenge();
        signature = cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce);
        signature[10] ^= 0x20;
        DCC_COMPARE_ANSWER(verify(c, TestPki::bytes("dupont-auth.der"), signature), 401,
                           "signature_invalid");
    }

    void signatureByAnotherKeyIsRefused()
    {
        const Challenge c = challenge();
        const auto answer =
            verify(c, TestPki::bytes("dupont-auth.der"),
                   cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_SIG", origin(), c.nonce));
        DCC_COMPARE_ANSWER(answer, 401, "signature_invalid");
    }

    void replayedNonceIsRefused()
    {
        const Challenge c = challenge();
        const Bytes signature =
            cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce);
        DCC_COMPARE_ANSWER(verify(c, TestPki::bytes("dupont-auth.der"), signature), 200, "");
        const auto again = verify(c, TestPki::bytes("dupont-auth.der"), signature);
        DCC_COMPARE_ANSWER(again, 410, "flow_expired");
        QCOMPARE(again.json()->getValue<std::string>("reason"), std::string("used"));
    }

    void nonceIsDeadAfterAFailedVerify()
    {
        const Challenge c = challenge();
        DCC_COMPARE_ANSWER(verify(c, TestPki::bytes("dupont-auth.der"), Bytes(256, 0x01)), 401,
                           "signature_invalid");
        const auto retry =
            verify(c, TestPki::bytes("dupont-auth.der"),
                   cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce));
        DCC_COMPARE_ANSWER(retry, 410, "flow_expired");
        QCOMPARE(retry.json()->getValue<std::string>("reason"), std::string("used"));
    }

    void nonceExpiresAfterFiveMinutes()
    {
        const Challenge c = challenge();
        const Bytes signature =
            cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce);
        m_server->clock().advance(300);
        const auto late = verify(c, TestPki::bytes("dupont-auth.der"), signature);
        DCC_COMPARE_ANSWER(late, 410, "flow_expired");
        QCOMPARE(late.json()->getValue<std::string>("reason"), std::string("expired"));
        const auto unknown =
            verify({std::string(43, 'A'), c.nonce}, TestPki::bytes("dupont-auth.der"), signature);
        QCOMPARE(unknown.json()->getValue<std::string>("reason"), std::string("unknown"));
    }

    void certificatesAreRefusedWithTheirReason_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("reason");
        QTest::newRow("expired") << "e.expire"
                                 << "expired-auth.der"
                                 << "expired-auth.key.pem"
                                 << "expired";
        QTest::newRow("not yet valid") << "f.futur"
                                       << "notyetvalid-auth.der"
                                       << "notyetvalid-auth.key.pem"
                                       << "not_yet_valid";
        QTest::newRow("revoked") << "r.revoque"
                                 << "revoked-auth.der"
                                 << "revoked-auth.key.pem"
                                 << "revoked";
        QTest::newRow("foreign CA") << "e.etranger"
                                    << "foreign-auth.der"
                                    << "foreign-auth.key.pem"
                                    << "untrusted";
        QTest::newRow("signature-only certificate") << "s.signature"
                                                    << "signonly.der"
                                                    << "signonly.key.pem"
                                                    << "wrong_usage";
        QTest::newRow("the card's signature certificate") << "j.dupont"
                                                          << "dupont-sign.der"
                                                          << "dupont-sign.key.pem"
                                                          << "wrong_usage";
        QTest::newRow("a CA certificate") << "j.dupont"
                                          << "personnes-ca.der"
                                          << "personnes-ca.key.pem"
                                          << "wrong_usage";
    }
    void certificatesAreRefusedWithTheirReason()
    {
        QFETCH(QString, identifier);
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(QString, reason);
        const Challenge c = challenge(identifier.toStdString());
        const auto answer =
            verify(c, TestPki::bytes(certificate), fileKeySignature(key, origin(), c.nonce));
        DCC_COMPARE_ANSWER(answer, 401, "certificate_rejected");
        QCOMPARE(answer.json()->getValue<std::string>("reason"), reason.toStdString());
    }

    void anotherAccountsCardIsNotBound()
    {
        const Challenge c = challenge(); // Jean Dupont's password…
        const auto answer =
            verify(c, TestPki::bytes("martin-auth.der"), // …Aline Martin's card
                   cardSignature(DCC_TEST_ADELI_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce));
        DCC_COMPARE_ANSWER(answer, 403, "card_not_bound");
        const Challenge none = challenge("n.nocard"); // an account without national identifier
        DCC_COMPARE_ANSWER(
            verify(none, TestPki::bytes("dupont-auth.der"),
                   cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), none.nonce)),
            403, "card_not_bound");
    }

    void staleCrlIsRefusedUnlessSoftFail()
    {
        m_server->clock().advance(31 * 24 * 3600); // past the CRL's nextUpdate
        const auto answer = dupontCardLogin();
        DCC_COMPARE_ANSWER(answer, 401, "certificate_rejected");
        QCOMPARE(answer.json()->getValue<std::string>("reason"),
                 std::string("revocation_unavailable"));

        startServer([](dcc::server::ServerConfig& config) {
            trustTestPki(config);
            config.cps.revocation = dcc::server::CpsSettings::Revocation::SoftFail;
        });
        m_server->clock().advance(31 * 24 * 3600);
        DCC_COMPARE_ANSWER(dupontCardLogin(), 200, "");
        const auto rows = m_server->components().auditStore().tail(5);
        QVERIFY(std::any_of(rows.begin(), rows.end(), [](const auto& row) {
            return row.detail.find("revocation unchecked") != std::string::npos;
        }));
    }

    void crlsAreReloadedWhenTheyChange()
    {
        QTemporaryDir crls;
        QVERIFY(QFile::copy(TestPki::path("root-ca.crl.pem"), crls.filePath("root.crl.pem")));
        startServer([&](dcc::server::ServerConfig& config) {
            trustTestPki(config);
            config.cps.crlPaths = {crls.path().toStdString()};
        });
        const auto without = dupontCardLogin(); // no CRL of the PERSONNES CA yet
        QCOMPARE(without.json()->getValue<std::string>("reason"),
                 std::string("revocation_unavailable"));
        QVERIFY(
            QFile::copy(TestPki::path("personnes-ca.crl.pem"), crls.filePath("personnes.crl.pem")));
        DCC_COMPARE_ANSWER(dupontCardLogin(), 200, "");
    }

    void garbageIsRefused()
    {
        Challenge c = challenge();
        Poco::JSON::Object body;
        body.set("flow", c.flow);
        body.set("certificate", "!!not base64!!");
        body.set("signature", "AAAA");
        body.set("algorithm", "RS256");
        const auto certificate = m_client->postJson("/api/v1/auth/cps/verify", body);
        DCC_COMPARE_ANSWER(certificate, 401, "certificate_rejected");
        QCOMPARE(certificate.json()->getValue<std::string>("reason"), std::string("malformed"));

        c = challenge();
        body.set("flow", c.flow);
        body.set("certificate", base64(TestPki::bytes("dupont-auth.der")));
        body.set("signature", "@@@@");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/verify", body), 401,
                           "signature_invalid");

        body.set("algorithm", "none");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/verify", body), 400,
                           "invalid_request");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/verify", std::string("{}")), 400,
                           "invalid_request");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/verify", std::string()), 400,
                           "invalid_request");
    }

    // Regression (docs/security.md, "Fuzzing"): "…xy=A" used to decode like "…xy==".
    void base64WithDataAfterPaddingIsRefused()
    {
        const Challenge c = challenge();
        const Bytes signature =
            cardSignature(DCC_TEST_TOKEN_DIR, "CPS_PRIV_AUT", origin(), c.nonce);
        std::string mangled = base64(signature);
        QVERIFY(mangled.ends_with("=="));
        mangled.back() = 'A';
        Poco::JSON::Object body;
        body.set("flow", c.flow);
        body.set("certificate", base64(TestPki::bytes("dupont-auth.der")));
        body.set("signature", mangled);
        body.set("algorithm", "RS256");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/verify", body), 401,
                           "signature_invalid");
    }

    void challengeHasThePasswordStepsAnswers()
    {
        Poco::JSON::Object body;
        body.set("identifier", "j.dupont");
        body.set("password", "Wrong-pass1");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/challenge", body), 401,
                           "invalid_credentials");
        body.set("identifier", "z.nobody");
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/challenge", body), 401,
                           "invalid_credentials");
    }

    void infoListsCardLoginOnlyWhenConfigured()
    {
        const auto info = m_client->get("/api/v1/info").json();
        QCOMPARE(info->getArray("methods")->size(), std::size_t{2});
        QCOMPARE(info->getArray("methods")->getElement<std::string>(1), std::string("cps"));
        startServer([](dcc::server::ServerConfig&) {});
        QCOMPARE(m_client->get("/api/v1/info").json()->getArray("methods")->size(), std::size_t{1});
        DCC_COMPARE_ANSWER(m_client->postJson("/api/v1/auth/cps/challenge", std::string("{}")), 404,
                           "not_found");
    }
};

QTEST_GUILESS_MAIN(TestCpsLogin)
#include "TestCpsLogin.moc"
