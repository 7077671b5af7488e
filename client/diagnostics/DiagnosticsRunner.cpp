#include "client/diagnostics/DiagnosticsRunner.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QSysInfo>
#include <QThreadPool>
#include <QTimer>

namespace dcc::diagnostics {

/// How workers reach the runner: the runner may be gone (window closed) when a slow check
/// answers, so they post through this, under its lock, and the destructor empties it.
struct DiagnosticsRunner::Channel
{
    QMutex mutex;
    DiagnosticsRunner* runner = nullptr;
};

namespace {

// A check stuck past this when the runner goes away is abandoned with its thread.
constexpr int kShutdownGraceMs = 2000;

} // namespace

DiagnosticsRunner::DiagnosticsRunner(DiagnosticContext context, Checks checks, QObject* parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_checks(std::move(checks))
    , m_pool(std::make_unique<QThreadPool>())
    , m_channel(std::make_shared<Channel>())
{
    qRegisterMetaType<DiagnosticsReport>();
    m_channel->runner = this;
    for (std::size_t i = 0; i < m_checks.size(); ++i) {
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        m_timers.push_back(timer);
    }
}

DiagnosticsRunner::~DiagnosticsRunner()
{
    {
        QMutexLocker lock(&m_channel->mutex);
        m_channel->runner = nullptr;
    }
    // QThreadPool's destructor waits for every task without limit: a check blocked in a
    // PC/SC or PKCS#11 driver would freeze the window's closing. Past the grace period the
    // pool is left to the process (the task holds its own copies of what it uses).
    if (!m_pool->waitForDone(kShutdownGraceMs))
        static_cast<void>(m_pool.release());
}

QJsonObject DiagnosticsRunner::applicationInfo(const DiagnosticContext& context)
{
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("dcc-login")},
        {QStringLiteral("version"), context.applicationVersion},
        {QStringLiteral("qt_version"), QString::fromLatin1(qVersion())},
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("architecture"), QSysInfo::currentCpuArchitecture()},
    };
}

void DiagnosticsRunner::start()
{
    ++m_generation;
    m_results.assign(m_checks.size(), std::nullopt);
    m_remaining = static_cast<int>(m_checks.size());
    // Every check on its own thread at once, so that each deadline measures that check
    // only; threads still held by checks abandoned from an earlier run do not count.
    m_pool->setMaxThreadCount(m_pool->activeThreadCount() + checkCount() + 1);
    const quint64 generation = m_generation;
    for (std::size_t i = 0; i < m_checks.size(); ++i) {
        QTimer* timer = m_timers[i];
        timer->disconnect(this);
        connect(timer, &QTimer::timeout, this, [this, generation, i] { timedOut(generation, i); });
        timer->start(m_checks[i]->timeout(m_context));
        m_pool->start([channel = m_channel, check = m_checks[i], context = m_context, generation,
                       i]() mutable {
            const QList<DiagnosticFinding> found = check->run(context);
            QMutexLocker lock(&channel->mutex);
            if (!channel->runner)
                return;
            DiagnosticsRunner* runner = channel->runner;
            // Posted while the lock keeps the runner alive; Qt drops the event if the runner
            // is deleted before it is delivered.
            QMetaObject::invokeMethod(
                runner, [runner, generation, i, found] { runner->complete(generation, i, found); },
                Qt::QueuedConnection);
        });
    }
    if (m_checks.empty()) {
        m_report =
            DiagnosticsReport(QDateTime::currentDateTimeUtc(), applicationInfo(m_context), {});
        Q_EMIT finished(m_report);
    }
}

void DiagnosticsRunner::timedOut(quint64 generation, std::size_t index)
{
    const auto& check = m_checks[index];
    DiagnosticFinding finding;
    finding.id = check->id();
    finding.group = check->group();
    finding.status = DiagnosticFinding::Status::Error;
    finding.title = check->title();
    const auto seconds = std::chrono::duration<double>(check->timeout(m_context)).count();
    finding.detail =
        QCoreApplication::translate("DiagnosticsRunner", "Ce contrôle n'a pas répondu en %1 s.")
            .arg(seconds, 0, 'f', 1);
    finding.advice = QCoreApplication::translate(
        "DiagnosticsRunner", "Relancez le diagnostic ; si le délai se répète, le pilote ou le "
                             "réseau concerné est bloqué.");
    finding.data = QJsonObject{
        {QStringLiteral("timed_out"), true},
        {QStringLiteral("timeout_ms"), static_cast<qint64>(check->timeout(m_context).count())}};
    complete(generation, index, {finding});
}

void DiagnosticsRunner::complete(quint64 generation, std::size_t index,
                                 const QList<DiagnosticFinding>& found)
{
    if (generation != m_generation || index >= m_results.size() || m_results[index])
        return;
    m_timers[index]->stop();
    m_results[index] = found;
    --m_remaining;
    Q_EMIT progress(checkCount() - m_remaining, checkCount(), m_checks[index]->title());
    if (m_remaining > 0)
        return;
    QList<DiagnosticFinding> all;
    for (const auto& result : m_results)
        all += *result;
    m_report = DiagnosticsReport(QDateTime::currentDateTimeUtc(), applicationInfo(m_context), all);
    Q_EMIT finished(m_report);
}

} // namespace dcc::diagnostics
