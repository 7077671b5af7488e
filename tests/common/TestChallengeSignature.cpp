#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "common/CpsChallenge.h"
#include "tests/support/Pkcs11TestToken.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"

#include <QtTest>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using dcc::Bytes;
using dcc::ChallengeSignature;
using dcc::CpsChallenge;
using dcc::SignatureAlgorithm;
using dcc::SignatureCheck;
using dcc::test::Pkcs11TestToken;
using dcc::test::TestPki;

Q_DECLARE_METATYPE(SignatureCheck)

namespace {

constexpr std::string_view kOrigin = "https://localhost:8443";
constexpr std::string_view kNonce = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=";

Bytes publicKeyOf(const QString& certificateFile)
{
    const auto cert = dcc::CpsCertificate::parse(TestPki::bytes(certificateFile));
    if (!cert)
        throw std::runtime_error("test certificate does not parse");
    return cert->publicKeyInfo();
}

Bytes digestInfo(std::string_view origin = kOrigin, std::string_view nonce = kNonce)
{
    return CpsChallenge::digestInfo(CpsChallenge::digest(origin, nonce));
}

Bytes digestBytes()
{
    const auto d = CpsChallenge::digest(kOrigin, kNonce);
    return Bytes(d.begin(), d.end());
}

Bytes spkiOf(EVP_PKEY* key)
{
    const int length = i2d_PUBKEY(key, nullptr);
    Bytes out(static_cast<std::size_t>(length));
    unsigned char* cursor = out.data();
    i2d_PUBKEY(key, &cursor);
    EVP_PKEY_free(key);
    return out;
}

} // namespace

class TestChallengeSignature : public QObject
{
    Q_OBJECT

private slots:
    // The whole CPS path: the card's authentication key signs the DigestInfo with
    // CKM_RSA_PKCS (as Cryptolib does), the certificate's key verifies it as RS256.
    void cardSignatureVerifies()
    {
        Pkcs11TestToken token(QStringLiteral(DCC_TEST_TOKEN_DIR));
        QCOMPARE(token.tokenLabel(), QStringLiteral("CPS3v3-0012345678"));
        const Bytes signature =
            token.sign("CPS_PRIV_AUT", Pkcs11TestToken::kRsaPkcs, digestInfo(), token.pin());
        const auto certificate = dcc::CpsCertificate::parse(token.certificate(0x01));
        QVERIFY(certificate.hasValue());
        QVERIFY(certificate->isAuthenticationCertificate());
        QCOMPARE(ChallengeSignature::verify(certificate->publicKeyInfo(), SignatureAlgorithm::RS256,
                                            kOrigin, kNonce, signature),
                 SignatureCheck::Valid);
    }

    void tamperedOrRelayedSignaturesFail()
    {
        Pkcs11TestToken token(QStringLiteral(DCC_TEST_TOKEN_DIR));
        const Bytes key = publicKeyOf("dupont-auth.der");
        const Bytes signature =
            token.sign("CPS_PRIV_AUT", Pkcs11TestToken::kRsaPkcs, digestInfo(), token.pin());

        Bytes tampered = signature;
        tampered[tampered.size() / 2] ^= 0x01;
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::RS256, kOrigin, kNonce, tampered),
            SignatureCheck::Invalid);
        Bytes truncated(signature.begin(), signature.end() - 1);
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::RS256, kOrigin, kNonce, truncated),
            SignatureCheck::Invalid);
        // A challenge relayed through another site was signed for that site's origin.
        QCOMPARE(ChallengeSignature::verify(key, SignatureAlgorithm::RS256, "https://evil.example",
                                            kNonce, signature),
                 SignatureCheck::Invalid);
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::RS256, kOrigin,
                                       "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", signature),
            SignatureCheck::Invalid);
        // The right signature checked as PSS is not valid either.
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::PS256, kOrigin, kNonce, signature),
            SignatureCheck::Invalid);
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::RS256, kOrigin, kNonce, Bytes{}),
            SignatureCheck::Invalid);
    }

    // The signature key (nonRepudiation) signs fine, but not for the authentication
    // certificate a login presents.
    void signatureKeyDoesNotMatchAuthenticationCertificate()
    {
        Pkcs11TestToken token(QStringLiteral(DCC_TEST_TOKEN_DIR));
        const Bytes signature =
            token.sign("CPS_PRIV_SIG", Pkcs11TestToken::kRsaPkcs, digestInfo(), token.pin());
        QCOMPARE(ChallengeSignature::verify(publicKeyOf("dupont-auth.der"),
                                            SignatureAlgorithm::RS256, kOrigin, kNonce, signature),
                 SignatureCheck::Invalid);
        QCOMPARE(ChallengeSignature::verify(publicKeyOf("dupont-sign.der"),
                                            SignatureAlgorithm::RS256, kOrigin, kNonce, signature),
                 SignatureCheck::Valid);
    }

    void pssSignatureVerifies()
    {
        Pkcs11TestToken token(QStringLiteral(DCC_TEST_TOKEN_DIR));
        const Bytes signature =
            token.sign("CPS_PRIV_AUT", Pkcs11TestToken::kRsaPkcsPss, digestBytes(), token.pin());
        const Bytes key = publicKeyOf("dupont-auth.der");
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::PS256, kOrigin, kNonce, signature),
            SignatureCheck::Valid);
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::RS256, kOrigin, kNonce, signature),
            SignatureCheck::Invalid);
    }

    // CKM_ECDSA returns r || s, the JWS form that ES256 expects.
    void ecdsaSignatureVerifies()
    {
        Pkcs11TestToken token(QStringLiteral(DCC_TEST_EC_TOKEN_DIR));
        const Bytes signature =
            token.sign("CPS_PRIV_AUT", Pkcs11TestToken::kEcdsa, digestBytes(), token.pin());
        QCOMPARE(signature.size(), std::size_t{64});
        const Bytes key = publicKeyOf("leroy-ec-auth.der");
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::ES256, kOrigin, kNonce, signature),
            SignatureCheck::Valid);
        Bytes tampered = signature;
        tampered[40] ^= 0x80;
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::ES256, kOrigin, kNonce, tampered),
            SignatureCheck::Invalid);
        QCOMPARE(ChallengeSignature::verify(key, SignatureAlgorithm::ES256, "https://evil.example",
                                            kNonce, signature),
                 SignatureCheck::Invalid);
        // The same signature DER-encoded is accepted; a non-canonical DER form is not.
        ECDSA_SIG* sig = ECDSA_SIG_new();
        ECDSA_SIG_set0(sig, BN_bin2bn(signature.data(), 32, nullptr),
                       BN_bin2bn(signature.data() + 32, 32, nullptr));
        Bytes der(static_cast<std::size_t>(i2d_ECDSA_SIG(sig, nullptr)));
        unsigned char* cursor = der.data();
        i2d_ECDSA_SIG(sig, &cursor);
        ECDSA_SIG_free(sig);
        QCOMPARE(ChallengeSignature::verify(key, SignatureAlgorithm::ES256, kOrigin, kNonce, der),
                 SignatureCheck::Valid);
        Bytes derWithTrailer = der;
        derWithTrailer.push_back(0);
        QCOMPARE(ChallengeSignature::verify(key, SignatureAlgorithm::ES256, kOrigin, kNonce,
                                            derWithTrailer),
                 SignatureCheck::Invalid);
        Bytes longer = signature;
        longer.push_back(0);
        QCOMPARE(
            ChallengeSignature::verify(key, SignatureAlgorithm::ES256, kOrigin, kNonce, longer),
            SignatureCheck::Invalid);
    }

    void refusesKeysThatDoNotFit_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<int>("algorithm");
        QTest::newRow("ES256 with an RSA key")
            << "dupont-auth.der" << int(SignatureAlgorithm::ES256);
        QTest::newRow("RS256 with an EC key")
            << "leroy-ec-auth.der" << int(SignatureAlgorithm::RS256);
        QTest::newRow("PS256 with an EC key")
            << "leroy-ec-auth.der" << int(SignatureAlgorithm::PS256);
    }
    void refusesKeysThatDoNotFit()
    {
        QFETCH(QString, certificate);
        QFETCH(int, algorithm);
        const Bytes signature(64, 0x01);
        QCOMPARE(ChallengeSignature::verify(publicKeyOf(certificate),
                                            static_cast<SignatureAlgorithm>(algorithm), kOrigin,
                                            kNonce, signature),
                 SignatureCheck::KeyMismatch);
    }

    void refusesWeakKeys()
    {
        const Bytes rsa1024 = spkiOf(EVP_RSA_gen(1024));
        QCOMPARE(ChallengeSignature::verify(rsa1024, SignatureAlgorithm::RS256, kOrigin, kNonce,
                                            Bytes(128, 0x01)),
                 SignatureCheck::WeakKey);
        const Bytes p384 = spkiOf(EVP_EC_gen("P-384"));
        QCOMPARE(ChallengeSignature::verify(p384, SignatureAlgorithm::ES256, kOrigin, kNonce,
                                            Bytes(64, 0x01)),
                 SignatureCheck::WeakKey);
    }

    void refusesMalformedKeys()
    {
        const Bytes garbage(300, 0x42);
        QCOMPARE(ChallengeSignature::verify(garbage, SignatureAlgorithm::RS256, kOrigin, kNonce,
                                            Bytes(256, 0x01)),
                 SignatureCheck::MalformedKey);
        Bytes trailing = publicKeyOf("dupont-auth.der");
        trailing.push_back(0x00);
        QCOMPARE(ChallengeSignature::verify(trailing, SignatureAlgorithm::RS256, kOrigin, kNonce,
                                            Bytes(256, 0x01)),
                 SignatureCheck::MalformedKey);
        QCOMPARE(ChallengeSignature::verify(Bytes{}, SignatureAlgorithm::RS256, kOrigin, kNonce,
                                            Bytes(256, 0x01)),
                 SignatureCheck::MalformedKey);
    }

    void algorithmNamesRoundTrip()
    {
        for (const auto algorithm :
             {SignatureAlgorithm::RS256, SignatureAlgorithm::PS256, SignatureAlgorithm::ES256}) {
            QCOMPARE(dcc::parseSignatureAlgorithm(dcc::signatureAlgorithmName(algorithm)),
                     algorithm);
        }
        QVERIFY(!dcc::parseSignatureAlgorithm("rs256"));
        QVERIFY(!dcc::parseSignatureAlgorithm("none"));
        QVERIFY(!dcc::parseSignatureAlgorithm("HS256"));
        QVERIFY(!dcc::parseSignatureAlgorithm(""));
    }
};

QTEST_APPLESS_MAIN(TestChallengeSignature)
#include "TestChallengeSignature.moc"
