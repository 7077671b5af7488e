#include "client/card/pcsc/CardMonitor.h"

#include "client/card/CardException.h"
#include "client/card/pcsc/PcscContext.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

#include <vector>

namespace dcc::card {

namespace {

// How long stop() keeps cancelling: the blocking call may not have started when the first
// SCardCancel went out (a cancel only ends a wait in progress), so it is repeated until the
// thread is gone.
constexpr int kStopPollMs = 20;
constexpr int kStopDeadlineMs = 5000;

} // namespace

CardMonitor::CardMonitor(QObject* parent)
    : QThread(parent)
{
    registerCardMetaTypes();
    setObjectName(QStringLiteral("CardMonitor"));
}

CardMonitor::~CardMonitor()
{
    stop();
}

void CardMonitor::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopRequested = true;
        requestInterruption();
        if (m_context)
            m_context->cancel();
        m_wake.wakeAll();
    }
    QDeadlineTimer deadline(kStopDeadlineMs);
    while (!wait(QDeadlineTimer(kStopPollMs)) && !deadline.hasExpired()) {
        QMutexLocker lock(&m_mutex);
        if (m_context)
            m_context->cancel();
    }
    wait();
}

bool CardMonitor::stopping() const
{
    QMutexLocker lock(&m_mutex);
    return m_stopRequested;
}

bool CardMonitor::waitBeforeRetry()
{
    QMutexLocker lock(&m_mutex);
    if (m_stopRequested)
        return false;
    m_wake.wait(&m_mutex, QDeadlineTimer(m_retryIntervalMs.load()));
    return !m_stopRequested;
}

void CardMonitor::run()
{
    bool serviceDown = false;
    while (!stopping()) {
        std::optional<CardError> lost;
        try {
            PcscContext context;
            {
                QMutexLocker lock(&m_mutex);
                if (m_stopRequested)
                    break;
                m_context = &context;
            }
            if (serviceDown) {
                serviceDown = false;
                emit serviceRecovered();
            }
            setWatching(true);
            lost = watch(context);
            // The readers, and the cards in them, went with the service; the removals are
            // counted before the waiters are let go.
            if (lost)
                forgetReaders();
            setWatching(false);
            QMutexLocker lock(&m_mutex);
            m_context = nullptr;
        } catch (const CardException& e) {
            // SCardEstablishContext failed: no service (yet).
            lost = e.error();
        }
        if (!lost)
            break; // stop() was called
        if (!serviceDown) {
            serviceDown = true;
            emit serviceStopped(*lost);
        }
        if (!waitBeforeRetry())
            break;
    }
    // Stopping is not a removal: nothing is reported for the readers left.
    setWatching(false);
    m_readers.clear();
}

void CardMonitor::setWatching(bool watching)
{
    QMutexLocker lock(&m_removalMutex);
    m_watching = watching;
    if (!watching)
        m_removalSeen.wakeAll(); // nothing more will come: let the waiters go
}

bool CardMonitor::waitForRemovalAfter(quint64 seen, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_removalMutex);
    while (m_removals.load() <= seen) {
        if (!m_watching.load() || deadline.hasExpired())
            return false;
        m_removalSeen.wait(&m_removalMutex, deadline);
    }
    return true;
}

std::optional<CardError> CardMonitor::watch(PcscContext& context)
{
    m_pnpState = 0;
    bool relist = true;
    int failures = 0;
    while (!isInterruptionRequested()) {
        try {
            if (relist) {
                updateReaders(context.listReaders());
                relist = false;
            }
            std::vector<ReaderState> states = statesToWatch();
            if (isInterruptionRequested())
                break;
            const auto result = context.getStatusChange(states, -1);
            failures = 0;
            if (result == PcscContext::WaitResult::Changed)
                relist = applyChanges(states);
            // Cancelled: the loop condition tells whether stop() was called.
        } catch (const CardException& e) {
            // pcsc-lite answers SCARD_E_INVALID_HANDLE for a context made before pcscd
            // restarted: that, like "no service", means starting over with a new context.
            if (e.error().code() == CardError::Code::ServiceNotRunning || !context.isValid())
                return e.error();
            // A reader that vanished between listing and waiting: look again. An error
            // that keeps coming back is handled like a lost service (retry after a pause)
            // rather than spinning here.
            if (++failures >= 3)
                return e.error();
            relist = true;
        }
    }
    return std::nullopt;
}

std::vector<ReaderState> CardMonitor::statesToWatch() const
{
    std::vector<ReaderState> states;
    states.reserve(static_cast<std::size_t>(m_readers.size()) + 1);
    for (const Reader& reader : m_readers) {
        ReaderState state;
        state.name = reader.name;
        state.currentState = reader.state;
        states.push_back(state);
    }
    // The PnP entry's counter is the number of readers: believing the current count, the
    // wait returns only when a reader comes or goes.
    ReaderState pnp;
    pnp.name = QString::fromLatin1(PcscContext::kPnpNotification);
    pnp.currentState = m_pnpState ? m_pnpState : static_cast<quint32>(m_readers.size()) << 16;
    states.push_back(pnp);
    return states;
}

bool CardMonitor::applyChanges(const std::vector<ReaderState>& states)
{
    bool relist = false;
    const ReaderState& pnp = states.back();
    if (pnp.changed()) {
        m_pnpState = pnp.eventState & ~quint32{ReaderState::Changed};
        relist = true;
    }
    for (std::size_t i = 0; i + 1 < states.size(); ++i) {
        const ReaderState& state = states[i];
        Reader& reader = m_readers[static_cast<qsizetype>(i)];
        if (state.readerGone()) {
            relist = true;
            continue;
        }
        if (!state.changed())
            continue;
        const bool present = state.cardPresent();
        // Out and in again between two waits: the insertion counter moved on while the
        // card looks just as present as before.
        const bool swapped = reader.cardPresent && present &&
                             static_cast<quint16>(reader.state >> 16) != state.eventCount();
        reader.state = state.eventState & ~quint32{ReaderState::Changed};
        if (swapped)
            reportCard(reader.name, false, {});
        if (present != reader.cardPresent || swapped) {
            reader.cardPresent = present;
            reportCard(reader.name, present, state.atr);
        }
    }
    return relist;
}

void CardMonitor::updateReaders(const QStringList& readers)
{
    bool changed = false;
    for (qsizetype i = m_readers.size() - 1; i >= 0; --i) {
        if (!readers.contains(m_readers[i].name)) {
            const Reader gone = m_readers.takeAt(i);
            if (gone.cardPresent)
                reportCard(gone.name, false, {});
            emit readerRemoved(gone.name);
            changed = true;
        }
    }
    for (const QString& name : readers) {
        const bool known = std::any_of(m_readers.cbegin(), m_readers.cend(),
                                       [&name](const Reader& r) { return r.name == name; });
        if (!known) {
            m_readers.append(Reader{name, ReaderState::Unaware, false});
            emit readerAdded(name);
            changed = true;
        }
    }
    if (changed) {
        QStringList names;
        for (const Reader& reader : std::as_const(m_readers))
            names << reader.name;
        emit readersChanged(names);
    }
}

void CardMonitor::forgetReaders()
{
    updateReaders({});
}

void CardMonitor::reportCard(const QString& reader, bool present, const QByteArray& atr)
{
    if (present) {
        const dcc::Atr parsed(dcc::Bytes(atr.cbegin(), atr.cend()));
        emit cardInserted(reader, atr, parsed.cardType());
    } else {
        {
            QMutexLocker lock(&m_removalMutex);
            m_removals.fetch_add(1);
            m_removalSeen.wakeAll();
        }
        emit cardRemoved(reader);
    }
}

} // namespace dcc::card
