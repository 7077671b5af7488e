// The PC/SC service going away and coming back: pcscd stopped → "service stopped" (and the
// readers and card gone), started again → recovered; no pcscd at all → the typed error.
// These tests stop and start the run's pcscd themselves (through the fixture's scripts,
// under the pcscd lock) and leave it running.

#include "client/card/CardException.h"
#include "client/card/CardService.h"
#include "client/card/pcsc/CardMonitor.h"
#include "client/card/pcsc/PcscContext.h"
#include "tests/support/pcsc/Pcscd.h"
#include "tests/support/pcsc/ViccCard.h"

#include <QSignalSpy>
#include <QtTest>

#include "MonitorRelay.h"

using dcc::card::CardError;
using dcc::card::CardException;
using dcc::card::CardMonitor;
using dcc::card::CardService;
using dcc::card::PcscContext;
using dcc::test::MonitorRelay;
using dcc::test::Pcscd;
using dcc::test::ViccCard;

namespace {

constexpr int kDeadlineMs = 5000;
constexpr quint32 kNoService = 0x8010001D; // SCARD_E_NO_SERVICE
const QString kReader0 = QString::fromLatin1(Pcscd::kReader0);

bool waitFor(QSignalSpy& spy, int count = 1, int timeoutMs = kDeadlineMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (spy.count() < count) {
        if (deadline.hasExpired() || !spy.wait(static_cast<int>(deadline.remainingTime())))
            return spy.count() >= count;
    }
    return true;
}

} // namespace

class TestPcscService : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        if (!Pcscd::isRunning())
            Pcscd::start();
        QVERIFY(Pcscd::waitUntilReadersEmpty());
    }

    // Whatever happened, the next suite finds pcscd running.
    void cleanupTestCase()
    {
        if (!Pcscd::isRunning())
            Pcscd::start();
    }

    void stoppedThenStartedAgain()
    {
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        monitor.setServiceRetryInterval(100);
        QSignalSpy added(&monitorEvents, &MonitorRelay::readerAdded);
        QSignalSpy removedReaders(&monitorEvents, &MonitorRelay::readerRemoved);
        QSignalSpy inserted(&monitorEvents, &MonitorRelay::cardInserted);
        QSignalSpy removedCards(&monitorEvents, &MonitorRelay::cardRemoved);
        QSignalSpy stopped(&monitorEvents, &MonitorRelay::serviceStopped);
        QSignalSpy recovered(&monitorEvents, &MonitorRelay::serviceRecovered);
        monitor.start();
        QVERIFY(waitFor(added, 2));

        ViccCard card;
        card.insert();
        QVERIFY(waitFor(inserted));

        Pcscd::stop();
        QVERIFY(waitFor(stopped));
        const auto error = stopped.first().first().value<CardError>();
        QCOMPARE(error.code(), CardError::Code::ServiceNotRunning);
        QVERIFY(error.isRetriable());
        // The readers and the card went with the service.
        QVERIFY(waitFor(removedReaders, 2));
        QCOMPARE(removedCards.count(), 1);
        QCOMPARE(removedCards.first().first().toString(), kReader0);
        QCOMPARE(recovered.count(), 0);

        added.clear();
        inserted.clear();
        Pcscd::start();
        QVERIFY(waitFor(recovered));
        QVERIFY(waitFor(added, 2));
        QCOMPARE(stopped.count(), 1);
        // vicc does not reconnect to the new vpcd: put the card in again, and the recovered
        // monitor sees it.
        card.remove();
        card.insert();
        QVERIFY(waitFor(inserted));
        QCOMPARE(inserted.first().first().toString(), kReader0);
        card.remove();
    }

    void noServiceAtAll()
    {
        Pcscd::stop();
        try {
            PcscContext context;
            QFAIL("a PC/SC context without pcscd");
        } catch (const CardException& e) {
            QCOMPARE(e.error().code(), CardError::Code::ServiceNotRunning);
            QCOMPARE(e.error().nativeCode(), quint64{kNoService});
            QCOMPARE(e.error().operation(), QStringLiteral("SCardEstablishContext"));
        }

        // The monitor says so first thing, with the same typed error.
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        monitor.setServiceRetryInterval(100);
        QSignalSpy stopped(&monitorEvents, &MonitorRelay::serviceStopped);
        QSignalSpy recovered(&monitorEvents, &MonitorRelay::serviceRecovered);
        monitor.start();
        QVERIFY(waitFor(stopped));
        QCOMPARE(stopped.first().first().value<CardError>().code(),
                 CardError::Code::ServiceNotRunning);

        // So does the service façade, to its own listeners.
        CardService::Options options;
        options.serviceRetryIntervalMs = 100;
        CardService service(options);
        QSignalSpy serviceStopped(&service, &CardService::serviceStopped);
        service.start();
        QVERIFY(waitFor(serviceStopped));
        QCOMPARE(serviceStopped.first().first().value<CardError>().code(),
                 CardError::Code::ServiceNotRunning);

        // And both recover when pcscd comes.
        QSignalSpy serviceRecovered(&service, &CardService::serviceRecovered);
        QSignalSpy readers(&service, &CardService::readersChanged);
        Pcscd::start();
        QVERIFY(waitFor(recovered));
        QVERIFY(waitFor(serviceRecovered));
        QTRY_VERIFY_WITH_TIMEOUT(service.readers().contains(kReader0), kDeadlineMs);
        QCOMPARE(stopped.count(), 1);
    }

    // Stopping while waiting for the service to come back is as prompt.
    void stopsPromptlyWithoutService()
    {
        Pcscd::stop();
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        monitor.setServiceRetryInterval(60000);
        QSignalSpy stopped(&monitorEvents, &MonitorRelay::serviceStopped);
        monitor.start();
        QVERIFY(waitFor(stopped));
        QElapsedTimer timer;
        timer.start();
        monitor.stop();
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestPcscService)
#include "TestPcscService.moc"
