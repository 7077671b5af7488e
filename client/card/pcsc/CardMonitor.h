#pragma once

#include "client/card/CardError.h"
#include "client/card/CardMetaTypes.h"
#include "client/card/pcsc/ReaderState.h"

#include <QByteArray>
#include <QMutex>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <optional>
#include <vector>

namespace dcc::card {

class PcscContext;

/// Watches the PC/SC readers and cards on its own thread and reports changes by signals
/// (delivered queued to receivers in other threads).
///
/// Event driven: the thread blocks in SCardGetStatusChange on every reader plus
/// "\\?PnP?\Notification" (readers plugged or unplugged), with no timeout; stop() ends the
/// wait with SCardCancel. When the service (pcscd) stops, it reports serviceStopped() and the
/// readers as gone, then tries to reach the service again every serviceRetryInterval() (PC/SC
/// has no "service started" event) and reports serviceRecovered() when it is back. With no
/// service at all from the start, serviceStopped() comes first, with the typed error.
class CardMonitor : public QThread
{
    Q_OBJECT

public:
    explicit CardMonitor(QObject* parent = nullptr);
    /// stop(); returns once the thread has ended.
    ~CardMonitor() override;

    /// Ends the thread promptly (SCardCancel, not a timeout) and waits for it. Idempotent;
    /// call from the thread that owns the monitor.
    void stop();

    void setServiceRetryInterval(int milliseconds) { m_retryIntervalMs = milliseconds; }
    [[nodiscard]] int serviceRetryInterval() const { return m_retryIntervalMs; }

    /// How many card removals the monitor has seen: read from any thread, so that a PKCS#11
    /// error can be told apart from "the card was pulled out during the call".
    [[nodiscard]] quint64 removalCount() const noexcept { return m_removals.load(); }

    /// Waits (from any thread) until the monitor has seen more than `seen` removals, for at
    /// most `timeoutMs`. A card I/O error usually comes back before PC/SC reports the
    /// removal that caused it (pcscd polls some readers), hence the wait. Returns at once,
    /// false, when the monitor is not watching a running service: no report would come.
    bool waitForRemovalAfter(quint64 seen, int timeoutMs) const;

signals:
    void readerAdded(const QString& reader);
    void readerRemoved(const QString& reader);
    void readersChanged(const QStringList& readers);
    /// `atr` as the reader reported it; `type` from common's ATR table.
    void cardInserted(const QString& reader, const QByteArray& atr, dcc::CardType type);
    void cardRemoved(const QString& reader);
    void serviceStopped(const dcc::card::CardError& error);
    void serviceRecovered();

protected:
    void run() override;

private:
    /// Watches until the service goes away (returns its error) or stop() (returns nothing).
    std::optional<CardError> watch(PcscContext& context);
    [[nodiscard]] std::vector<ReaderState> statesToWatch() const;
    /// Reports what changed; true when the reader list must be read again.
    bool applyChanges(const std::vector<ReaderState>& states);
    void setWatching(bool watching);
    void updateReaders(const QStringList& readers);
    void forgetReaders();
    void reportCard(const QString& reader, bool present, const QByteArray& atr);
    /// Sleeps serviceRetryInterval() unless stop() comes first; false once stopping.
    bool waitBeforeRetry();
    [[nodiscard]] bool stopping() const;

    struct Reader
    {
        QString name;
        quint32 state = 0; ///< last acknowledged SCARD_STATE_* | event count << 16
        bool cardPresent = false;
    };

    // Touched only by the monitor thread.
    QList<Reader> m_readers;
    quint32 m_pnpState = 0;

    // Shared with stop(): the context being waited on, so that it can be cancelled.
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    PcscContext* m_context = nullptr;
    bool m_stopRequested = false;

    // Removals, and the watchers waiting for one (waitForRemovalAfter).
    std::atomic<quint64> m_removals{0};
    std::atomic<bool> m_watching{false};
    mutable QMutex m_removalMutex;
    mutable QWaitCondition m_removalSeen;
    std::atomic<int> m_retryIntervalMs{500};
};

} // namespace dcc::card
