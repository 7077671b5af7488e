// The PKCS#11 side against SoftHSM tokens that look like CPS cards: module loading, token
// and key discovery, the real wrong-PIN path, and signatures checked by common/ and OpenSSL.

#include "client/card/CardException.h"
#include "client/card/pkcs11/EcdsaSignature.h"
#include "client/card/pkcs11/Pkcs11Module.h"
#include "client/card/pkcs11/Pkcs11Token.h"
#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "common/CpsChallenge.h"

#include <QTemporaryDir>
#include <QtTest>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <p11-kit/pkcs11.h>

#include "CardTestTokens.h"

using dcc::card::CardError;
using dcc::card::CardException;
using dcc::card::PinState;
using dcc::card::Pkcs11Module;
using dcc::card::Pkcs11Token;
using dcc::card::TokenInfo;
using dcc::test::CardTestToken;
using dcc::test::pkiFile;
using dcc::test::toBytes;

namespace {

constexpr std::string_view kOrigin = "https://dcc-login.test:8443";
constexpr std::string_view kNonce = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

CK_FUNCTION_LIST* functionsOf(const Pkcs11Module& module)
{
    return static_cast<CK_FUNCTION_LIST*>(module.functionList());
}

/// The one slot of `module` whose token has this label.
quint64 slotOf(const Pkcs11Module& module, const QString& label)
{
    for (const quint64 slot : module.slotsWithToken()) {
        CK_TOKEN_INFO info{};
        if (functionsOf(module)->C_GetTokenInfo(slot, &info) != CKR_OK)
            continue;
        const QString tokenLabel =
            QString::fromUtf8(reinterpret_cast<const char*>(info.label), sizeof info.label)
                .trimmed();
        if (tokenLabel == label)
            return slot;
    }
    throw std::runtime_error("no token labelled " + label.toStdString());
}

struct Loaded
{
    std::shared_ptr<Pkcs11Module> module;
    Pkcs11Token token;
};

Loaded load(const CardTestToken& token)
{
    token.select();
    auto module = Pkcs11Module::load(QString::fromLatin1(CardTestToken::kSoftHsmModule));
    const quint64 slot = slotOf(*module, token.label);
    return Loaded{module, Pkcs11Token(module, slot)};
}

CardError::Code failureOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const CardException& e) {
        return e.error().code();
    }
    return CardError::Code::Internal;
}

/// OpenSSL's own check: SHA-256 over SHA-256(origin) || SHA-256(nonce) with the
/// certificate's key, RSA PKCS#1 v1.5 or ECDSA with a DER signature.
bool opensslVerifies(const QByteArray& certificateDer, const QByteArray& signature)
{
    const auto* cursor = reinterpret_cast<const unsigned char*>(certificateDer.constData());
    X509* certificate = d2i_X509(nullptr, &cursor, certificateDer.size());
    if (!certificate)
        return false;
    EVP_PKEY* key = X509_get_pubkey(certificate);
    const dcc::Bytes data = dcc::CpsChallenge::signedData(kOrigin, kNonce);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    const bool valid =
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.constData()),
                         static_cast<std::size_t>(signature.size()), data.data(), data.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    X509_free(certificate);
    return valid;
}

dcc::SignatureCheck commonVerifies(const QByteArray& certificateDer,
                                   dcc::SignatureAlgorithm algorithm, const QByteArray& signature)
{
    const auto certificate = dcc::CpsCertificate::parse(toBytes(certificateDer));
    if (!certificate)
        return dcc::SignatureCheck::MalformedKey;
    return dcc::ChallengeSignature::verify(certificate->publicKeyInfo(), algorithm, kOrigin, kNonce,
                                           toBytes(signature));
}

const dcc::CpsChallenge::Sha256 kDigest = dcc::CpsChallenge::digest(kOrigin, kNonce);

} // namespace

class TestPkcs11Token : public QObject
{
    Q_OBJECT

private slots:
    void oneInstancePerModule()
    {
        CardTestToken::cps().select();
        const QString path = QString::fromLatin1(CardTestToken::kSoftHsmModule);
        auto first = Pkcs11Module::load(path);
        auto second = Pkcs11Module::load(path);
        QCOMPARE(first.get(), second.get());
        // Through another name of the same file (the multiarch path behind the symlink).
        auto third = Pkcs11Module::load(QFileInfo(path).canonicalFilePath());
        QCOMPARE(third.get(), first.get());
        QCOMPARE(first->path(), path);
        QVERIFY2(first->description().contains("SoftHSM"), qPrintable(first->description()));
        QVERIFY(!first->slotsWithToken().isEmpty());
    }

    void moduleErrors()
    {
        QCOMPARE(failureOf([] { Pkcs11Module::load("/nonexistent/libcps3_pkcs11_lux.so"); }),
                 CardError::Code::ModuleNotFound);
        QCOMPARE(failureOf([] { Pkcs11Module::load(QString()); }), CardError::Code::ModuleNotFound);

        QTemporaryDir dir;
        const QString text = dir.filePath("not-a-library.so");
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a shared object\n");
        file.close();
        try {
            Pkcs11Module::load(text);
            QFAIL("a text file loaded as a module");
        } catch (const CardException& e) {
            QCOMPARE(e.error().code(), CardError::Code::ModuleLoadFailed);
            QVERIFY2(e.error().detail().contains(text), qPrintable(e.error().description()));
        }

        // A real library, but not a PKCS#11 module.
        try {
            Pkcs11Module::load(QStringLiteral(DCC_TEST_PCSCLITE_LIBRARY));
            QFAIL("libpcsclite loaded as a module");
        } catch (const CardException& e) {
            QCOMPARE(e.error().code(), CardError::Code::ModuleLoadFailed);
            QVERIFY2(e.error().detail().contains("C_GetFunctionList"),
                     qPrintable(e.error().description()));
        }
    }

    void describesTheCpsToken()
    {
        const CardTestToken cps = CardTestToken::cps();
        const Loaded loaded = load(cps);
        const TokenInfo info = loaded.token.describe();
        QCOMPARE(info.label, QStringLiteral("CPS3v3-0012345678"));
        QCOMPARE(info.model, QStringLiteral("SoftHSM v2"));
        QCOMPARE(info.manufacturer, QStringLiteral("SoftHSM project"));
        QVERIFY(!info.serialNumber.isEmpty());
        QVERIFY(info.flags & CKF_LOGIN_REQUIRED);
        QVERIFY(info.flags & CKF_TOKEN_INITIALIZED);
        QCOMPARE(info.pinState.tries, PinState::Tries::Unknown);
        QVERIFY(!info.pinState.pinPad);
        QCOMPARE(info.modulePath, QString::fromLatin1(CardTestToken::kSoftHsmModule));

        // The authentication certificate (CKA_ID 01), never the signature one (02).
        QCOMPARE(info.certificateId, QByteArray::fromHex("01"));
        QCOMPARE(info.certificateLabel, QStringLiteral("Certificat d'Authentification CPS"));
        QCOMPARE(info.certificateDer, pkiFile("dupont-auth.der"));
        QCOMPARE(info.algorithm, dcc::SignatureAlgorithm::RS256);
        QCOMPARE(info.holder.nationalIdentifier, QStringLiteral("810001234567"));
        QCOMPARE(info.holder.surname, QStringLiteral("DUPONT"));
        QCOMPARE(info.holder.givenName, QStringLiteral("JEAN"));
        QCOMPARE(info.holder.profession, QStringLiteral("Médecin"));
        QCOMPARE(info.holder.organisation, QStringLiteral("CENTRE HOSPITALIER DE TEST"));
        QCOMPARE(info.holder.displayName(), QStringLiteral("JEAN DUPONT"));
    }

    // SoftHSM never locks a PIN, but answers CKR_PIN_INCORRECT and sets "count low".
    void wrongPinIsIncorrectWithCountLow()
    {
        const Loaded loaded = load(CardTestToken::cps());
        const TokenInfo info = loaded.token.describe();
        QByteArray pin("9999");
        try {
            (void)loaded.token.signChallenge(info, kDigest, pin);
            QFAIL("signed with a wrong PIN");
        } catch (const CardException& e) {
            QCOMPARE(e.error().code(), CardError::Code::PinIncorrect);
            QCOMPARE(e.error().nativeCode(), quint64{CKR_PIN_INCORRECT});
            QCOMPARE(e.error().pinState().tries, PinState::Tries::CountLow);
            QVERIFY(e.error().isRetriable());
        }
        QVERIFY2(pin.isEmpty(), "the PIN was not wiped");
        QCOMPARE(loaded.token.pinState().tries, PinState::Tries::CountLow);
        QCOMPARE(loaded.token.describe().pinState.tries, PinState::Tries::CountLow);
        assertNoSessionLeft(*loaded.module);
    }

    void signsWithTheAuthenticationKey()
    {
        const CardTestToken cps = CardTestToken::cps();
        const Loaded loaded = load(cps);
        const TokenInfo info = loaded.token.describe();
        QByteArray pin = cps.pin;
        const auto result = loaded.token.signChallenge(info, kDigest, pin);
        QVERIFY2(pin.isEmpty(), "the PIN was not wiped");

        QCOMPARE(result.algorithmName(), QStringLiteral("RS256"));
        QCOMPARE(result.certificateDer, pkiFile("dupont-auth.der"));
        QCOMPARE(result.signature.size(), 256);
        QCOMPARE(
            commonVerifies(result.certificateDer, dcc::SignatureAlgorithm::RS256, result.signature),
            dcc::SignatureCheck::Valid);
        QVERIFY(opensslVerifies(result.certificateDer, result.signature));
        // Not made by the signature key.
        QVERIFY(!opensslVerifies(pkiFile("dupont-sign.der"), result.signature));

        // A right PIN clears "count low".
        QCOMPARE(loaded.token.pinState().tries, PinState::Tries::Unknown);
        assertNoSessionLeft(*loaded.module);
    }

    void signsWithAnEcKey()
    {
        const CardTestToken ec = CardTestToken::cpsEc();
        const Loaded loaded = load(ec);
        const TokenInfo info = loaded.token.describe();
        QCOMPARE(info.algorithm, dcc::SignatureAlgorithm::ES256);
        QCOMPARE(info.holder.surname, QStringLiteral("LEROY"));
        QByteArray pin = ec.pin;
        const auto result = loaded.token.signChallenge(info, kDigest, pin);
        QCOMPARE(result.algorithmName(), QStringLiteral("ES256"));
        // DER ECDSA-Sig-Value, which OpenSSL reads as it is ...
        QCOMPARE(result.signature.at(0), '\x30');
        QVERIFY(opensslVerifies(result.certificateDer, result.signature));
        // ... and so does common/, as the server will, in that form and as r || s.
        QCOMPARE(
            commonVerifies(result.certificateDer, dcc::SignatureAlgorithm::ES256, result.signature),
            dcc::SignatureCheck::Valid);
        const QByteArray raw = dcc::card::EcdsaSignature::derToRaw(result.signature, 32);
        QCOMPARE(raw.size(), 64);
        QCOMPARE(commonVerifies(result.certificateDer, dcc::SignatureAlgorithm::ES256, raw),
                 dcc::SignatureCheck::Valid);
        assertNoSessionLeft(*loaded.module);
    }

    // No CPS labels: the certificates' key usage tells the login key, whatever the order.
    void plainTokenChoosesByKeyUsage()
    {
        const CardTestToken plain = CardTestToken::plain();
        const Loaded loaded = load(plain);
        const TokenInfo info = loaded.token.describe();
        QCOMPARE(info.certificateId, QByteArray::fromHex("0a"));
        QCOMPARE(info.certificateLabel, QStringLiteral("Login certificate"));
        QCOMPARE(info.certificateDer, pkiFile("dupont-auth.der"));
        QByteArray pin = plain.pin;
        const auto result = loaded.token.signChallenge(info, kDigest, pin);
        QCOMPARE(
            commonVerifies(result.certificateDer, dcc::SignatureAlgorithm::RS256, result.signature),
            dcc::SignatureCheck::Valid);
        QVERIFY(!opensslVerifies(pkiFile("dupont-sign.der"), result.signature));
    }

    void signatureOnlyTokenHasNoLoginKey()
    {
        const Loaded loaded = load(CardTestToken::signatureOnly());
        QCOMPARE(failureOf([&loaded] { (void)loaded.token.describe(); }),
                 CardError::Code::NoAuthenticationKey);
    }

    // The PIN state and label were read before the PIN: a different token now in the slot
    // is, for this login, the card removed.
    void anotherTokenInTheSlotIsARemoval()
    {
        const CardTestToken cps = CardTestToken::cps();
        const Loaded loaded = load(cps);
        TokenInfo info = loaded.token.describe();
        info.serialNumber = QStringLiteral("0000000000000000");
        QByteArray pin = cps.pin;
        QCOMPARE(failureOf([&] { (void)loaded.token.signChallenge(info, kDigest, pin); }),
                 CardError::Code::CardRemoved);
        QVERIFY(pin.isEmpty());
    }

    // The monitor saw a removal, and the module answers with an error a removal produces.
    void removalProbeTurnsErrorsIntoRemoval()
    {
        const CardTestToken cps = CardTestToken::cps();
        cps.select();
        auto module = Pkcs11Module::load(QString::fromLatin1(CardTestToken::kSoftHsmModule));
        const quint64 slot = slotOf(*module, cps.label);
        const Pkcs11Token token(module, slot, [] { return true; });
        TokenInfo info = token.describe();
        // A key ID the token does not have: C_Login works, no key is found. Not a
        // removal-type error, so the probe does not matter.
        info.certificateId = QByteArray::fromHex("77");
        QByteArray pin = cps.pin;
        QCOMPARE(failureOf([&] { (void)token.signChallenge(info, kDigest, pin); }),
                 CardError::Code::NoAuthenticationKey);
        // An invalid slot is what a vanished reader gives: with a removal seen, "removed".
        const Pkcs11Token gone(module, 0x7FFFFFF0, [] { return true; });
        QCOMPARE(failureOf([&gone] { (void)gone.describe(); }), CardError::Code::CardRemoved);
        const Pkcs11Token unknown(module, 0x7FFFFFF0);
        QVERIFY(!unknown.tokenPresent());
        // Without the monitor, the slot's own answer decides: no token there.
        QCOMPARE(failureOf([&unknown] { (void)unknown.describe(); }), CardError::Code::CardRemoved);
    }

private:
    // Scope guards: no session open, nobody logged in after an operation, failed or not.
    void assertNoSessionLeft(const Pkcs11Module& module)
    {
        CK_FUNCTION_LIST* functions = functionsOf(module);
        for (const quint64 slot : module.slotsWithToken()) {
            CK_TOKEN_INFO info{};
            QCOMPARE(functions->C_GetTokenInfo(slot, &info), CKR_OK);
            if (!(info.flags & CKF_TOKEN_INITIALIZED))
                continue;
            // SoftHSM does not count sessions (CK_UNAVAILABLE_INFORMATION); modules that do
            // must show none left open.
            if (info.ulSessionCount != CK_UNAVAILABLE_INFORMATION)
                QCOMPARE(info.ulSessionCount, CK_ULONG{0});
            CK_SESSION_HANDLE session = 0;
            QCOMPARE(functions->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session),
                     CKR_OK);
            CK_SESSION_INFO state{};
            QCOMPARE(functions->C_GetSessionInfo(session, &state), CKR_OK);
            functions->C_CloseSession(session);
            QCOMPARE(state.state, CK_STATE{CKS_RO_PUBLIC_SESSION});
        }
    }
};

QTEST_APPLESS_MAIN(TestPkcs11Token)
#include "TestPkcs11Token.moc"
