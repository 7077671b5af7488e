// The whole chain on one virtual card, as OpenSC's own CI does it: a CAC card (libcacard over
// Jean Dupont's keys) in the vpcd reader, seen by the card monitor, its token found through
// OpenSC's PKCS#11 module, PIN, signature, verified; and the card pulled out in the middle
// of the signature.

#include "client/card/CardService.h"
#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "tests/support/TestPki.h"
#include "tests/support/cac/VirtualCacCard.h"
#include "tests/support/pcsc/Pcscd.h"

#include <QSignalSpy>
#include <QtTest>

using dcc::card::CardError;
using dcc::card::CardOperation;
using dcc::card::CardService;
using dcc::card::ModuleStep;
using dcc::card::SignatureResult;
using dcc::card::TokenInfo;
using dcc::test::Pcscd;
using dcc::test::TestPki;
using dcc::test::VirtualCacCard;

namespace {

// OpenSC reads the whole card on its first look (a few seconds on vpcd's 400 ms polling).
constexpr int kDeadlineMs = 20000;
constexpr std::string_view kOrigin = "https://dcc.onco-hdf.test";
constexpr std::string_view kNonce = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=";
const QString kReader = QString::fromLatin1(Pcscd::kReader1);
constexpr const char* kOpenSc = DCC_TEST_OPENSC_MODULE;

QByteArray pkiFile(const QString& name)
{
    const dcc::Bytes bytes = TestPki::bytes(name);
    return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
}

dcc::SignatureCheck verify(const SignatureResult& result)
{
    const dcc::Bytes der(result.certificateDer.cbegin(), result.certificateDer.cend());
    const auto certificate = dcc::CpsCertificate::parse(der);
    if (!certificate)
        return dcc::SignatureCheck::MalformedKey;
    return dcc::ChallengeSignature::verify(
        certificate->publicKeyInfo(), result.algorithm, kOrigin, kNonce,
        dcc::Bytes(result.signature.cbegin(), result.signature.cend()));
}

/// OpenSC found as the Cryptolib stand-in: the module fixed by policy.
CardService::Options openScOptions()
{
    CardService::Options options;
    options.modules.configuredPath = QString::fromLatin1(kOpenSc);
    options.modules.useP11Kit = false;
    options.modules.cryptolibPaths = QStringList{};
    options.serviceRetryIntervalMs = 100;
    return options;
}

bool waitFor(QSignalSpy& spy, int count = 1, int timeoutMs = kDeadlineMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (spy.count() < count) {
        if (deadline.hasExpired() || !spy.wait(static_cast<int>(deadline.remainingTime())))
            return spy.count() >= count;
    }
    return true;
}

/// Waits (event loop, with a deadline) until `service` emits `answer` or failed(); true for
/// `answer`. A failure is printed, so that the test says why.
template <typename Signal>
bool waitForAnswer(CardService& service, Signal answer, QSignalSpy& spy, QSignalSpy& failed,
                   int timeoutMs = kDeadlineMs)
{
    const auto failures = failed.count();
    if (spy.isEmpty() && failed.count() == failures) {
        // The answers come queued from the worker thread: they cannot slip in before exec().
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QObject::connect(&service, answer, &loop, &QEventLoop::quit);
        QObject::connect(&service, &CardService::failed, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (spy.isEmpty() && failed.count() > failures)
        qWarning("failed: %s", qPrintable(failed.last().at(1).value<CardError>().description()));
    return !spy.isEmpty();
}

} // namespace

class TestCardChain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // OpenSC with the CAC driver only: it must never spend its ~14 s on a vicc card.
        qputenv("OPENSC_CONF", DCC_TEST_CARD_DIR "/opensc.conf");
        if (!Pcscd::isRunning())
            Pcscd::start();
    }

    // Each test starts with an empty reader, whatever the last one left.
    void init() { QVERIFY(Pcscd::waitUntilReadersEmpty()); }

    void insertFindSignAndVerify()
    {
        CardService service(openScOptions());
        QSignalSpy inserted(&service, &CardService::cardInserted);
        QSignalSpy found(&service, &CardService::tokenFound);
        QSignalSpy signedSpy(&service, &CardService::challengeSigned);
        QSignalSpy failed(&service, &CardService::failed);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(service.readers().contains(kReader), kDeadlineMs);

        VirtualCacCard card;
        card.insert();
        QVERIFY(waitFor(inserted));
        QCOMPARE(inserted.first().at(0).toString(), kReader);
        QCOMPARE(inserted.first().at(1).toByteArray(), VirtualCacCard::atr());
        QCOMPARE(inserted.first().at(2).value<dcc::CardType>(), dcc::CardType::Unknown);

        service.discoverToken();
        QVERIFY(waitForAnswer(service, &CardService::tokenFound, found, failed));
        const auto token = found.first().first().value<TokenInfo>();
        QCOMPARE(token.slotDescription, kReader);
        QCOMPARE(token.moduleStep, ModuleStep::Configured);
        QCOMPARE(token.manufacturer, QStringLiteral("Common Access Card"));
        // The card's first certificate is the signature one: the key usage chose the other.
        QCOMPARE(token.certificateDer, pkiFile("dupont-auth.der"));
        QCOMPARE(token.holder.displayName(), QStringLiteral("JEAN DUPONT"));
        QCOMPARE(token.holder.nationalIdentifier, QStringLiteral("810001234567"));

        service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce), VirtualCacCard::pin());
        QVERIFY(waitForAnswer(service, &CardService::challengeSigned, signedSpy, failed));
        const auto result = signedSpy.first().first().value<SignatureResult>();
        QCOMPARE(result.algorithmName(), QStringLiteral("RS256"));
        QCOMPARE(result.certificateDer, pkiFile("dupont-auth.der"));
        QCOMPARE(verify(result), dcc::SignatureCheck::Valid);
        QCOMPARE(failed.count(), 0);
    }

    // The card leaves while it is signing: the typed error is "card removed", whatever
    // OpenSC answers (CKR_DEVICE_REMOVED, CKR_GENERAL_ERROR, …).
    void removedDuringTheSignature()
    {
        CardService service(openScOptions());
        QSignalSpy inserted(&service, &CardService::cardInserted);
        QSignalSpy removed(&service, &CardService::cardRemoved);
        QSignalSpy found(&service, &CardService::tokenFound);
        QSignalSpy signedSpy(&service, &CardService::challengeSigned);
        QSignalSpy failed(&service, &CardService::failed);
        service.start();

        VirtualCacCard card;
        card.insertUntilInstruction(VirtualCacCard::kSignInstruction);
        QVERIFY(waitFor(inserted));
        service.discoverToken();
        QVERIFY(waitForAnswer(service, &CardService::tokenFound, found, failed));

        service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce), VirtualCacCard::pin());
        QVERIFY(waitFor(failed));
        QVERIFY2(card.waitUntilGone(kDeadlineMs), qPrintable(card.output()));
        QVERIFY2(card.output().contains("card removed on INS 42"), qPrintable(card.output()));
        QCOMPARE(failed.first().at(0).value<CardOperation>(), CardOperation::Sign);
        const auto error = failed.first().at(1).value<CardError>();
        QVERIFY2(error.code() == CardError::Code::CardRemoved, qPrintable(error.description()));
        QVERIFY(error.isRetriable());
        QCOMPARE(signedSpy.count(), 0);
        QVERIFY(waitFor(removed));
        QCOMPARE(removed.first().first().toString(), kReader);

        // Put back, it signs again: the service looked for the card anew.
        QVERIFY(Pcscd::waitUntilReadersEmpty());
        card.insert();
        QVERIFY(waitFor(inserted, 2));
        service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce), VirtualCacCard::pin());
        QVERIFY(waitForAnswer(service, &CardService::challengeSigned, signedSpy, failed));
        QCOMPARE(verify(signedSpy.first().first().value<SignatureResult>()),
                 dcc::SignatureCheck::Valid);
    }

    // OpenSC's CAC driver answers a wrong PIN with CKR_GENERAL_ERROR: with the card still in
    // the reader that is not a removal.
    void generalErrorWithTheCardStillThere()
    {
        CardService service(openScOptions());
        QSignalSpy inserted(&service, &CardService::cardInserted);
        QSignalSpy removed(&service, &CardService::cardRemoved);
        QSignalSpy failed(&service, &CardService::failed);
        service.start();
        VirtualCacCard card;
        card.insert();
        QVERIFY(waitFor(inserted));

        service.signChallenge(dcc::CpsChallenge::digest(kOrigin, kNonce), QByteArray("9999"));
        QVERIFY(waitFor(failed));
        const auto error = failed.first().at(1).value<CardError>();
        QVERIFY2(error.code() != CardError::Code::CardRemoved, qPrintable(error.description()));
        QCOMPARE(removed.count(), 0);
        QVERIFY(card.isInserted());
    }
};

QTEST_GUILESS_MAIN(TestCardChain)
#include "TestCardChain.moc"
