#include "common/CpsChallenge.h"
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/server/RequestBodies.h"
#include "tests/support/Pkcs11TestToken.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <QTemporaryDir>
#include <QtTest>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <set>

using dcc::Bytes;
using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;

namespace {

constexpr auto kPassword = "Soleil-2024";
constexpr auto kAudience = "urn:dcc:onco-hdf";

std::string fromBase64Url(std::string text)
{
    for (char& c : text)
        c = c == '-' ? '+' : (c == '_' ? '/' : c);
    while (text.size() % 4 != 0)
        text.push_back('=');
    std::string out(text.size() / 4 * 3, '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()),
                                       static_cast<int>(text.size()));
    if (length < 0)
        return {};
    out.resize(static_cast<std::size_t>(length) -
               static_cast<std::size_t>(std::count(text.begin(), text.end(), '=')));
    return out;
}

BIGNUM* bignum(const std::string& base64Url)
{
    const std::string bytes = fromBase64Url(base64Url);
    return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<int>(bytes.size()), nullptr);
}

// The public key of a JWK, rebuilt with OpenSSL alone (no Poco): the verifier a DCC
// developer would write.
EVP_PKEY* keyFromJwk(const Poco::JSON::Object::Ptr& jwk)
{
    OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
    EVP_PKEY_CTX* context = nullptr;
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    std::string point;
    if (jwk->getValue<std::string>("kty") == "RSA") {
        n = bignum(jwk->getValue<std::string>("n"));
        e = bignum(jwk->getValue<std::string>("e"));
        OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, n);
        OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, e);
        context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    } else {
        point = "\x04" + fromBase64Url(jwk->getValue<std::string>("x")) +
                fromBase64Url(jwk->getValue<std::string>("y"));
        OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
        OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size());
        context = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    }
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
    EVP_PKEY* key = nullptr;
    EVP_PKEY_fromdata_init(context);
    EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    EVP_PKEY_CTX_free(context);
    BN_free(n);
    BN_free(e);
    return key;
}

// What docs/dcc-integration.md tells the DCC to check. Returns "" when the assertion is
// good, else what is wrong.
std::string checkAssertion(const std::string& jwt, const Poco::JSON::Object::Ptr& jwks,
                           const std::string& issuer, const std::string& audience, std::int64_t now,
                           Poco::JSON::Object::Ptr* claims = nullptr)
{
    const auto firstDot = jwt.find('.');
    const auto secondDot = jwt.find('.', firstDot + 1);
    if (firstDot == std::string::npos || secondDot == std::string::npos)
        return "format";
    // One parser per document: a Poco parser keeps state between parses.
    const auto header = Poco::JSON::Parser()
                            .parse(fromBase64Url(jwt.substr(0, firstDot)))
                            .extract<Poco::JSON::Object::Ptr>();
    const std::string signature = fromBase64Url(jwt.substr(secondDot + 1));
    const std::string algorithm = header->getValue<std::string>("alg");
    Poco::JSON::Object::Ptr jwk;
    const auto keys = jwks->getArray("keys");
    for (std::size_t i = 0; i < keys->size(); ++i) {
        if (keys->getObject(static_cast<unsigned>(i))->getValue<std::string>("kid") ==
            header->getValue<std::string>("kid"))
            jwk = keys->getObject(static_cast<unsigned>(i));
    }
    if (!jwk || jwk->getValue<std::string>("alg") != algorithm ||
        (algorithm != "RS256" && algorithm != "ES256"))
        return "key";
    EVP_PKEY* key = keyFromJwk(jwk);
    std::string der = signature;
    if (algorithm == "ES256") { // JWS r || s → DER for OpenSSL
        if (signature.size() != 64)
            return "signature";
        ECDSA_SIG* sig = ECDSA_SIG_new();
        ECDSA_SIG_set0(
            sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), 32, nullptr),
            BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + 32, 32, nullptr));
        der.assign(static_cast<std::size_t>(i2d_ECDSA_SIG(sig, nullptr)), '\0');
        auto* cursor = reinterpret_cast<unsigned char*>(der.data());
        i2d_ECDSA_SIG(sig, &cursor);
        ECDSA_SIG_free(sig);
    }
    const std::string signedPart = jwt.substr(0, secondDot);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    const bool valid =
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                         reinterpret_cast<const unsigned char*>(signedPart.data()),
                         signedPart.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    if (!valid)
        return "signature";
    // Only a verified payload is read.
    const auto payload =
        Poco::JSON::Parser()
            .parse(fromBase64Url(jwt.substr(firstDot + 1, secondDot - firstDot - 1)))
            .extract<Poco::JSON::Object::Ptr>();
    if (payload->getValue<std::string>("iss") != issuer)
        return "issuer";
    if (payload->getValue<std::string>("aud") != audience)
        return "audience";
    if (payload->getValue<Poco::Int64>("exp") <= now)
        return "expired";
    if (payload->getValue<Poco::Int64>("iat") > now + 5)
        return "future";
    if (claims)
        *claims = payload;
    return {};
}

std::string writeKey(const QTemporaryDir& dir, const QString& name, EVP_PKEY* key)
{
    const std::string path = dir.filePath(name).toStdString();
    FILE* file = std::fopen(path.c_str(), "w");
    PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(file);
    EVP_PKEY_free(key);
    return path;
}

} // namespace

/// The hand-off to the real DCC: /launch sends the browser there with a signed, short-lived
/// assertion whose key the server publishes; checked here by an independent verifier.
class TestDccAssertion : public QObject
{
    Q_OBJECT

    QTemporaryDir m_keys;
    std::unique_ptr<InProcessServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;

    void startServer(const std::string& keyFile)
    {
        m_server = std::make_unique<InProcessServer>([&](dcc::server::ServerConfig& config) {
            config.dcc.url = "https://dcc.example.fr/portail/entree?source=dcc-login";
            config.dcc.audience = kAudience;
            config.dcc.signingKeyFile = keyFile;
            config.cps.trustStore = dcc::test::TestPki::path("trust-store.pem").toStdString();
            config.cps.crlPaths = {dcc::test::TestPki::path("personnes-ca.crl.pem").toStdString()};
        });
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                             "810001234567");
        m_client = std::make_unique<HttpTestClient>(m_server->baseUrl());
    }

    // An OTP login through to /launch; the Location the browser is sent to.
    std::string launchLocation()
    {
        Poco::JSON::Object credentials;
        credentials.set("identifier", "j.dupont");
        credentials.set("password", kPassword);
        const auto started = m_client->postJson("/api/v1/auth/otp", credentials);
        Poco::JSON::Object verify;
        verify.set("flow", started.json()->getValue<std::string>("flow"));
        verify.set("code", m_server->newCode().toStdString());
        const std::string url = m_client->postJson("/api/v1/auth/otp/verify", verify)
                                    .json()
                                    ->getValue<std::string>("launch_url");
        const auto launched = m_client->get(url.substr(m_server->baseUrl().toStdString().size()));
        if (launched.status != 302)
            QTest::qFail(("launch failed: " + launched.body).c_str(), __FILE__, __LINE__);
        return launched.header("Location");
    }

    static std::string assertionOf(const std::string& location)
    {
        for (const auto& [name, value] : Poco::URI(location).getQueryParameters()) {
            if (name == "assertion")
                return value;
        }
        return {};
    }

    Poco::JSON::Object::Ptr jwks()
    {
        const auto answer = m_client->get("/.well-known/jwks.json");
        return answer.json();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void otpLoginIsHandedOverSigned_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("RS256") << "RS256";
        QTest::newRow("ES256") << "ES256";
    }
    void otpLoginIsHandedOverSigned()
    {
        QFETCH(QString, algorithm);
        const std::string keyFile = algorithm == "RS256"
                                        ? writeKey(m_keys, "rsa.pem", EVP_RSA_gen(2048))
                                        : writeKey(m_keys, "ec.pem", EVP_EC_gen("P-256"));
        startServer(keyFile);
        const std::string location = launchLocation();
        QVERIFY2(location.starts_with(
                     "https://dcc.example.fr/portail/entree?source=dcc-login&assertion="),
                 location.c_str());
        const std::string jwt = assertionOf(location);
        const auto keys = jwks();
        QCOMPARE(keys->getArray("keys")->getObject(0)->getValue<std::string>("alg"),
                 algorithm.toStdString());
        QCOMPARE(keys->getArray("keys")->getObject(0)->getValue<std::string>("use"),
                 std::string("sig"));

        const std::int64_t now = m_server->clock().now();
        Poco::JSON::Object::Ptr claims;
        QCOMPARE(
            checkAssertion(jwt, keys, m_server->baseUrl().toStdString(), kAudience, now, &claims),
            std::string());
        QCOMPARE(claims->getValue<std::string>("sub"), std::string("j.dupont"));
        QCOMPARE(claims->getValue<std::string>("name"), std::string("Jean DUPONT"));
        QCOMPARE(claims->getArray("amr")->getElement<std::string>(0), std::string("pwd"));
        QCOMPARE(claims->getArray("amr")->getElement<std::string>(1), std::string("otp"));
        QVERIFY(!claims->has("national_id")); // only card logins carry it
        const auto lifetime =
            claims->getValue<Poco::Int64>("exp") - claims->getValue<Poco::Int64>("iat");
        QVERIFY(lifetime > 0 && lifetime <= 60);
        QVERIFY(!claims->getValue<std::string>("jti").empty());

        // Refused when expired, for another audience, or altered.
        QCOMPARE(checkAssertion(jwt, keys, m_server->baseUrl().toStdString(), kAudience, now + 61),
                 std::string("expired"));
        QCOMPARE(checkAssertion(jwt, keys, m_server->baseUrl().toStdString(), "urn:other", now),
                 std::string("audience"));
        std::string altered = jwt;
        altered[jwt.find('.') + 5] = altered[jwt.find('.') + 5] == 'A' ? 'B' : 'A';
        QCOMPARE(checkAssertion(altered, keys, m_server->baseUrl().toStdString(), kAudience, now),
                 std::string("signature"));
    }

    void everyAssertionIsUnique()
    {
        startServer(writeKey(m_keys, "rsa.pem", EVP_RSA_gen(2048)));
        std::set<std::string> ids;
        for (int i = 0; i < 3; ++i) {
            Poco::JSON::Object::Ptr claims;
            QCOMPARE(checkAssertion(assertionOf(launchLocation()), jwks(),
                                    m_server->baseUrl().toStdString(), kAudience,
                                    m_server->clock().now(), &claims),
                     std::string());
            ids.insert(claims->getValue<std::string>("jti"));
        }
        QCOMPARE(ids.size(), std::size_t{3});
    }

    void cardLoginCarriesTheNationalIdentifier()
    {
        startServer(writeKey(m_keys, "ec.pem", EVP_EC_gen("P-256")));
        Poco::JSON::Object credentials;
        credentials.set("identifier", "j.dupont");
        credentials.set("password", kPassword);
        const auto challenge = m_client->postJson("/api/v1/auth/cps/challenge", credentials).json();
        const std::string nonce = challenge->getValue<std::string>("nonce");
        dcc::test::Pkcs11TestToken token(DCC_TEST_TOKEN_DIR);
        const Bytes signature = token.sign("CPS_PRIV_AUT", dcc::test::Pkcs11TestToken::kRsaPkcs,
                                           dcc::CpsChallenge::digestInfo(dcc::CpsChallenge::digest(
                                               m_server->baseUrl().toStdString(), nonce)),
                                           token.pin());
        Poco::JSON::Object verify;
        verify.set("flow", challenge->getValue<std::string>("flow"));
        verify.set("certificate", dcc::test::base64(dcc::test::TestPki::bytes("dupont-auth.der")));
        verify.set("signature", dcc::test::base64(signature));
        verify.set("algorithm", "RS256");
        const auto done = m_client->postJson("/api/v1/auth/cps/verify", verify);
        DCC_COMPARE_ANSWER(done, 200, "");
        const std::string url = done.json()->getValue<std::string>("launch_url");
        const std::string location =
            m_client->get(url.substr(m_server->baseUrl().toStdString().size())).header("Location");
        Poco::JSON::Object::Ptr claims;
        QCOMPARE(checkAssertion(assertionOf(location), jwks(), m_server->baseUrl().toStdString(),
                                kAudience, m_server->clock().now(), &claims),
                 std::string());
        QCOMPARE(claims->getArray("amr")->getElement<std::string>(1), std::string("sc"));
        QCOMPARE(claims->getValue<std::string>("national_id"), std::string("810001234567"));
    }

    void weakOrWrongKeysAreRefusedAtStartUp()
    {
        QVERIFY_THROWS_EXCEPTION(dcc::server::ConfigError,
                                 startServer(writeKey(m_keys, "small.pem", EVP_RSA_gen(1024))));
        QVERIFY_THROWS_EXCEPTION(dcc::server::ConfigError,
                                 startServer(writeKey(m_keys, "p384.pem", EVP_EC_gen("P-384"))));
        QVERIFY_THROWS_EXCEPTION(dcc::server::ConfigError,
                                 startServer(m_keys.filePath("missing.pem").toStdString()));
    }

    void withoutDccUrlTheBuiltInPageStays()
    {
        InProcessServer server;
        HttpTestClient client(server.baseUrl());
        QCOMPARE(client.get("/.well-known/jwks.json").status, 404);
        QVERIFY(client.get("/api/v1/info").json()->getArray("methods")->size() == 1);
    }
};

QTEST_GUILESS_MAIN(TestDccAssertion)
#include "TestDccAssertion.moc"
