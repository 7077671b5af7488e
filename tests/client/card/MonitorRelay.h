#pragma once

#include "client/card/pcsc/CardMonitor.h"

#include <QObject>

namespace dcc::test {

/// Re-emits a CardMonitor's signals on the thread the relay lives in (the test's), queued,
/// as CardService does for the application. QSignalSpy records a signal in the thread that
/// emits it: spying on the monitor itself would read lists its thread is still filling.
class MonitorRelay : public QObject
{
    Q_OBJECT

public:
    explicit MonitorRelay(dcc::card::CardMonitor& monitor)
    {
        using dcc::card::CardMonitor;
        connect(&monitor, &CardMonitor::readerAdded, this, &MonitorRelay::readerAdded);
        connect(&monitor, &CardMonitor::readerRemoved, this, &MonitorRelay::readerRemoved);
        connect(&monitor, &CardMonitor::readersChanged, this, &MonitorRelay::readersChanged);
        connect(&monitor, &CardMonitor::cardInserted, this, &MonitorRelay::cardInserted);
        connect(&monitor, &CardMonitor::cardRemoved, this, &MonitorRelay::cardRemoved);
        connect(&monitor, &CardMonitor::serviceStopped, this, &MonitorRelay::serviceStopped);
        connect(&monitor, &CardMonitor::serviceRecovered, this, &MonitorRelay::serviceRecovered);
    }

signals:
    void readerAdded(const QString& reader);
    void readerRemoved(const QString& reader);
    void readersChanged(const QStringList& readers);
    void cardInserted(const QString& reader, const QByteArray& atr, dcc::CardType type);
    void cardRemoved(const QString& reader);
    void serviceStopped(const dcc::card::CardError& error);
    void serviceRecovered();
};

} // namespace dcc::test
