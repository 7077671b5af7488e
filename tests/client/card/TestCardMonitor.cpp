// The PC/SC card monitor on the test run's pcscd with the vpcd readers: readers appear,
// vicc cards are reported inserted (with their ATR) and removed, and the monitor stops at
// once. Every wait has a deadline; nothing sleeps.

#include "client/card/pcsc/CardMonitor.h"
#include "client/card/pcsc/PcscContext.h"
#include "tests/support/pcsc/Pcscd.h"
#include "tests/support/pcsc/ViccCard.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "MonitorRelay.h"

using dcc::card::CardMonitor;
using dcc::card::PcscContext;
using dcc::test::MonitorRelay;
using dcc::test::Pcscd;
using dcc::test::ViccCard;

namespace {

// pcscd polls vpcd every 400 ms: an insertion shows within half a second, usually.
constexpr int kDeadlineMs = 5000;
const QString kReader0 = QString::fromLatin1(Pcscd::kReader0);
const QString kReader1 = QString::fromLatin1(Pcscd::kReader1);

/// Waits until `spy` holds a call whose first argument is `reader`.
bool waitFor(QSignalSpy& spy, const QString& reader, int timeoutMs = kDeadlineMs)
{
    const auto seen = [&spy, &reader] {
        return std::any_of(spy.cbegin(), spy.cend(), [&reader](const QList<QVariant>& call) {
            return call.first().toString() == reader;
        });
    };
    QDeadlineTimer deadline(timeoutMs);
    while (!seen()) {
        if (deadline.hasExpired() || !spy.wait(static_cast<int>(deadline.remainingTime())))
            return seen();
    }
    return true;
}

} // namespace

class TestCardMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The fixture started it; a suite before this one may have stopped it.
        if (!Pcscd::isRunning())
            Pcscd::start();
    }

    // Each test starts with empty readers, whatever the suite before left in them.
    void init() { QVERIFY(Pcscd::waitUntilReadersEmpty()); }

    void contextListsTheVirtualReaders()
    {
        PcscContext context;
        QVERIFY(context.isValid());
        const QStringList readers = context.listReaders();
        QVERIFY2(readers.contains(kReader0) && readers.contains(kReader1),
                 qPrintable(readers.join(", ")));
    }

    void readersAppear()
    {
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        QSignalSpy added(&monitorEvents, &MonitorRelay::readerAdded);
        QSignalSpy changed(&monitorEvents, &MonitorRelay::readersChanged);
        QSignalSpy stopped(&monitorEvents, &MonitorRelay::serviceStopped);
        monitor.start();
        QVERIFY(waitFor(added, kReader0));
        QVERIFY(waitFor(added, kReader1));
        QVERIFY(!changed.isEmpty() || changed.wait(kDeadlineMs));
        QVERIFY(changed.last().first().toStringList().contains(kReader0));
        QCOMPARE(stopped.count(), 0);
    }

    void insertionAndRemovalWithTheAtr()
    {
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        QSignalSpy added(&monitorEvents, &MonitorRelay::readerAdded);
        QSignalSpy inserted(&monitorEvents, &MonitorRelay::cardInserted);
        QSignalSpy removed(&monitorEvents, &MonitorRelay::cardRemoved);
        monitor.start();
        QVERIFY(waitFor(added, kReader0));
        QCOMPARE(inserted.count(), 0);

        ViccCard card;
        card.insert();
        QVERIFY(waitFor(inserted, kReader0));
        QCOMPARE(inserted.count(), 1);
        const QList<QVariant> insertion = inserted.first();
        QCOMPARE(insertion.at(1).toByteArray().toHex(' ').toUpper(),
                 ViccCard::atr().toHex(' ').toUpper());
        // vicc's ATR is no CPS: common's table says so.
        QCOMPARE(insertion.at(2).value<dcc::CardType>(), dcc::CardType::Unknown);
        QCOMPARE(removed.count(), 0);

        const quint64 removalsBefore = monitor.removalCount();
        card.remove();
        QVERIFY(waitFor(removed, kReader0));
        QCOMPARE(monitor.removalCount(), removalsBefore + 1);

        // And in again: a second insertion is a second event.
        card.insert();
        QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 2, kDeadlineMs);
        card.remove();
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, kDeadlineMs);
        QCOMPARE(inserted.count(), 2);
        for (const auto& call : inserted)
            QCOMPARE(call.first().toString(), kReader0);
    }

    // A card already in the reader when the monitor starts is reported at once.
    void cardPresentAtStart()
    {
        ViccCard card;
        card.insert();
        {
            // Known present to PC/SC before the monitor starts.
            CardMonitor probe;
            const MonitorRelay probeEvents(probe);
            QSignalSpy seen(&probeEvents, &MonitorRelay::cardInserted);
            probe.start();
            QVERIFY(waitFor(seen, kReader0));
        }
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        QSignalSpy inserted(&monitorEvents, &MonitorRelay::cardInserted);
        QSignalSpy removed(&monitorEvents, &MonitorRelay::cardRemoved);
        monitor.start();
        QVERIFY(waitFor(inserted, kReader0, 2000));
        QCOMPARE(removed.count(), 0);
        card.remove();
        QVERIFY(waitFor(removed, kReader0));
    }

    // SCardCancel ends the blocking wait: stopping takes no timeout.
    void stopsPromptly()
    {
        CardMonitor monitor;
        const MonitorRelay monitorEvents(monitor);
        QSignalSpy added(&monitorEvents, &MonitorRelay::readerAdded);
        monitor.start();
        QVERIFY(waitFor(added, kReader1));
        QElapsedTimer timer;
        timer.start();
        monitor.stop();
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(monitor.isFinished());
        monitor.stop(); // twice is fine
    }
};

QTEST_GUILESS_MAIN(TestCardMonitor)
#include "TestCardMonitor.moc"
