// The card service façade on SoftHSM: requests return at once, the work happens on the
// worker thread, and the answers (token, signature, typed failure) come back by signals on
// the caller's thread.

#include "client/card/CardService.h"
#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"

#include <QSignalSpy>
#include <QtTest>

#include "CardTestTokens.h"

using dcc::card::CardError;
using dcc::card::CardOperation;
using dcc::card::CardService;
using dcc::card::ModuleOutcome;
using dcc::card::ModuleReport;
using dcc::card::ModuleStep;
using dcc::card::PinState;
using dcc::card::SignatureResult;
using dcc::card::TokenInfo;
using dcc::test::CardTestToken;
using dcc::test::toBytes;

namespace {

constexpr int kDeadlineMs = 10000;
constexpr std::string_view kOrigin = "https://dcc.onco-hdf.test";
constexpr std::string_view kNonce = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

CardService::Options softHsmOptions()
{
    CardService::Options options;
    options.modules.configuredPath = QString::fromLatin1(CardTestToken::kSoftHsmModule);
    options.modules.useP11Kit = false;
    options.modules.cryptolibPaths = QStringList{};
    options.modules.openScPaths = QStringList{};
    options.watchReaders = false; // a token without a reader
    return options;
}

dcc::SignatureCheck verify(const SignatureResult& result)
{
    const auto certificate = dcc::CpsCertificate::parse(toBytes(result.certificateDer));
    if (!certificate)
        return dcc::SignatureCheck::MalformedKey;
    return dcc::ChallengeSignature::verify(certificate->publicKeyInfo(), result.algorithm, kOrigin,
                                           kNonce, toBytes(result.signature));
}

} // namespace

class TestCardService : public QObject
{
    Q_OBJECT

private slots:
    void init() { CardTestToken::cps().select(); }

    void findsTheTokenAndItsHolder()
    {
        CardService service(softHsmOptions());
        QSignalSpy found(&service, &CardService::tokenFound);
        QSignalSpy report(&service, &CardService::moduleReport);
        QSignalSpy failed(&service, &CardService::failed);

        // The answer is never given inside the call: it comes from the worker thread.
        service.discoverToken();
        QCOMPARE(found.count(), 0);
        QVERIFY(service.workerThread()->isRunning());
        QVERIFY(service.workerThread() != QThread::currentThread());

        QVERIFY(found.wait(kDeadlineMs));
        QCOMPARE(failed.count(), 0);
        const auto token = found.first().first().value<TokenInfo>();
        QCOMPARE(token.label, QStringLiteral("CPS3v3-0012345678"));
        QCOMPARE(token.holder.displayName(), QStringLiteral("JEAN DUPONT"));
        QCOMPARE(token.holder.profession, QStringLiteral("Médecin"));
        QCOMPARE(token.holder.nationalIdentifier, QStringLiteral("810001234567"));
        QCOMPARE(token.moduleStep, ModuleStep::Configured);
        QVERIFY(!token.pinState.pinPad);

        QCOMPARE(report.count(), 1);
        const auto lines = report.first().first().value<ModuleReport>();
        QCOMPARE(lines.first().outcome, ModuleOutcome::Selected);
    }

    void wrongPinThenRightPin()
    {
        CardService service(softHsmOptions());
        QSignalSpy signedSpy(&service, &CardService::challengeSigned);
        QSignalSpy failed(&service, &CardService::failed);
        const auto digest = dcc::CpsChallenge::digest(kOrigin, kNonce);

        service.signChallenge(digest, QByteArray("0000"));
        QVERIFY(failed.wait(kDeadlineMs));
        QCOMPARE(failed.first().at(0).value<CardOperation>(), CardOperation::Sign);
        const auto error = failed.first().at(1).value<CardError>();
        QCOMPARE(error.code(), CardError::Code::PinIncorrect);
        QCOMPARE(error.pinState().tries, PinState::Tries::CountLow);
        QCOMPARE(signedSpy.count(), 0);

        // The token found for the first try is kept, and tells the PIN state now.
        QSignalSpy found(&service, &CardService::tokenFound);
        service.discoverToken();
        QVERIFY(found.wait(kDeadlineMs));
        QCOMPARE(found.first().first().value<TokenInfo>().pinState.tries,
                 PinState::Tries::CountLow);

        service.signChallenge(digest, CardTestToken::cps().pin);
        QVERIFY(signedSpy.wait(kDeadlineMs));
        QCOMPARE(failed.count(), 1);
        const auto result = signedSpy.first().first().value<SignatureResult>();
        QCOMPARE(result.algorithmName(), QStringLiteral("RS256"));
        QCOMPARE(verify(result), dcc::SignatureCheck::Valid);
    }

    void requestsAreAnsweredInOrder()
    {
        CardService service(softHsmOptions());
        QStringList answers;
        connect(&service, &CardService::tokenFound, this, [&answers] { answers << "token"; });
        connect(&service, &CardService::challengeSigned, this, [&answers] { answers << "signed"; });
        connect(&service, &CardService::failed, this,
                [&answers](CardOperation, const CardError& e) {
                    answers << QString::fromLatin1(CardError::codeName(e.code()));
                });
        const auto digest = dcc::CpsChallenge::digest(kOrigin, kNonce);
        service.discoverToken();
        service.signChallenge(digest, QByteArray("1111"));
        service.signChallenge(digest, CardTestToken::cps().pin);
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, kDeadlineMs);
        QCOMPARE(answers, (QStringList{"token", "pin_incorrect", "signed"}));
    }

    void ecTokenSignsEs256()
    {
        CardTestToken::cpsEc().select();
        CardService service(softHsmOptions());
        QSignalSpy signedSpy(&service, &CardService::challengeSigned);
        QSignalSpy failed(&service, &CardService::failed);
        service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce),
                              CardTestToken::cpsEc().pin);
        QVERIFY(signedSpy.wait(kDeadlineMs));
        QCOMPARE(failed.count(), 0);
        const auto result = signedSpy.first().first().value<SignatureResult>();
        QCOMPARE(result.algorithmName(), QStringLiteral("ES256"));
        QCOMPARE(result.signature.at(0), '\x30'); // DER, for the server
        QCOMPARE(verify(result), dcc::SignatureCheck::Valid);
    }

    void noModuleIsATypedFailure()
    {
        CardService::Options options = softHsmOptions();
        options.modules.configuredPath = QStringLiteral("/nonexistent/libcps3_pkcs11_lux.so");
        CardService service(options);
        QSignalSpy failed(&service, &CardService::failed);
        QSignalSpy report(&service, &CardService::moduleReport);
        service.discoverToken();
        QVERIFY(failed.wait(kDeadlineMs));
        QCOMPARE(failed.first().at(0).value<CardOperation>(), CardOperation::Discover);
        const auto error = failed.first().at(1).value<CardError>();
        QCOMPARE(error.code(), CardError::Code::ModuleNotFound);
        QVERIFY(!error.isRetriable());
        QCOMPARE(report.first().first().value<ModuleReport>().first().outcome,
                 ModuleOutcome::NotFound);
    }

    // The service is destroyed with requests still queued: nothing is left behind, and the
    // queued PIN is dropped with its holder.
    void destroyedWithWorkPending()
    {
        QElapsedTimer timer;
        timer.start();
        {
            CardService service(softHsmOptions());
            for (int i = 0; i < 5; ++i)
                service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce),
                                      CardTestToken::cps().pin);
        }
        QVERIFY2(timer.elapsed() < kDeadlineMs, "the service took too long to stop");
    }
};

QTEST_GUILESS_MAIN(TestCardService)
#include "TestCardService.moc"
