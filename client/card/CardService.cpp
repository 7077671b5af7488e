#include "client/card/CardService.h"

#include "client/card/CardWorker.h"
#include "client/card/pcsc/CardMonitor.h"

namespace dcc::card {

namespace {

// Carries the PIN to the worker thread and overwrites it when the request is dropped
// unrun (the service shutting down); a moved-from holder has nothing left to wipe.
class PinHolder
{
public:
    explicit PinHolder(QByteArray pin)
        : m_pin(std::move(pin))
    {}
    PinHolder(PinHolder&&) noexcept = default;
    PinHolder& operator=(PinHolder&&) = delete; // would drop a PIN unwiped
    PinHolder(const PinHolder&) = delete;
    PinHolder& operator=(const PinHolder&) = delete;
    ~PinHolder() { m_pin.fill('\0'); }

    QByteArray& bytes() noexcept { return m_pin; }

private:
    QByteArray m_pin;
};

} // namespace

CardService::CardService(QObject* parent)
    : CardService(Options{}, parent)
{}

CardService::CardService(Options options, QObject* parent)
    : CardEvents(parent)
    , m_options(std::move(options))
    , m_monitor(new CardMonitor(this))
{
    registerCardMetaTypes();
    qRegisterMetaType<CardOperation>();
    m_monitor->setServiceRetryInterval(m_options.serviceRetryIntervalMs);
    m_workerThread.setObjectName(QStringLiteral("CardWorker"));

    m_worker = new CardWorker(m_options.modules, m_monitor);
    m_worker->moveToThread(&m_workerThread);
    // Deleted on its own thread when that thread ends, so that C_Finalize runs there too.
    connect(&m_workerThread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_monitor, &CardMonitor::readerAdded, this, &CardService::readerAdded);
    connect(m_monitor, &CardMonitor::readerRemoved, this, &CardService::readerRemoved);
    connect(m_monitor, &CardMonitor::readersChanged, this, [this](const QStringList& readers) {
        m_readers = readers;
        emit readersChanged(readers);
    });
    connect(m_monitor, &CardMonitor::cardInserted, this, &CardService::cardInserted);
    connect(m_monitor, &CardMonitor::cardRemoved, this, &CardService::cardRemoved);
    connect(m_monitor, &CardMonitor::serviceStopped, this, &CardService::serviceStopped);
    connect(m_monitor, &CardMonitor::serviceRecovered, this, &CardService::serviceRecovered);
    // A removed card takes its token with it: the next request looks again.
    connect(m_monitor, &CardMonitor::cardRemoved, m_worker, &CardWorker::forgetToken);

    connect(m_worker, &CardWorker::moduleReport, this, &CardService::moduleReport);
    connect(m_worker, &CardWorker::tokenFound, this, &CardService::tokenFound);
    connect(m_worker, &CardWorker::pinPadStarted, this, &CardService::pinPadStarted);
    connect(m_worker, &CardWorker::challengeSigned, this, &CardService::challengeSigned);
    connect(m_worker, &CardWorker::failed, this, &CardService::failed);
}

CardService::~CardService()
{
    m_monitor->stop();
    if (!m_started) {
        // Its thread never ran, so its "finished" (which deletes the worker) never comes.
        delete m_worker;
        return;
    }
    m_workerThread.quit();
    m_workerThread.wait();
}

void CardService::start()
{
    if (m_started)
        return;
    m_started = true;
    m_workerThread.start();
    if (m_options.watchReaders)
        m_monitor->start();
}

void CardService::discoverToken()
{
    start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->discoverToken(); }, Qt::QueuedConnection);
}

void CardService::signChallenge(const dcc::CpsChallenge::Sha256& digest, QByteArray pin)
{
    start();
    // The lambda owns the only copy of the PIN (moved, never copied, on its way to the
    // worker thread), so that the worker's wipe overwrites the one buffer that held it.
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, digest, pin = PinHolder(std::move(pin))]() mutable {
            worker->signChallenge(digest, pin.bytes());
        },
        Qt::QueuedConnection);
}

} // namespace dcc::card
