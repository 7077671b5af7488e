#pragma once

#include "client/backend/CoreExport.h"
#include "client/diagnostics/DiagnosticCheck.h"
#include "client/diagnostics/DiagnosticContext.h"
#include "client/diagnostics/DiagnosticsReport.h"

#include <QList>
#include <QObject>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

class QThreadPool;
class QTimer;

namespace dcc::diagnostics {

/// Runs checks off the calling thread, all at once on a private thread pool, each with its
/// own deadline: a check that does not answer in time becomes an error finding and its late
/// answer is dropped, so one module stuck in a driver cannot hold the report. Lives on the
/// GUI (or main) thread; its signals arrive there.
class DCC_CLIENT_CORE_EXPORT DiagnosticsRunner : public QObject
{
    Q_OBJECT

public:
    using Checks = std::vector<std::shared_ptr<DiagnosticCheck>>;

    DiagnosticsRunner(DiagnosticContext context, Checks checks, QObject* parent = nullptr);
    /// Waits briefly for running checks; one still stuck is abandoned (see the .cpp).
    ~DiagnosticsRunner() override;

    /// Starts every check; a run in progress is forgotten (its answers are dropped).
    void start();
    [[nodiscard]] bool isRunning() const noexcept { return m_remaining > 0; }
    /// The last complete report.
    [[nodiscard]] const DiagnosticsReport& report() const noexcept { return m_report; }
    [[nodiscard]] int checkCount() const noexcept { return static_cast<int>(m_checks.size()); }

    /// The application block of the report.
    [[nodiscard]] static QJsonObject applicationInfo(const DiagnosticContext& context);

Q_SIGNALS:
    /// `done` of `total` checks have answered (or timed out); `title` is the last one.
    void progress(int done, int total, const QString& title);
    void finished(const dcc::diagnostics::DiagnosticsReport& report);

private:
    struct Channel;

    void complete(quint64 generation, std::size_t index, const QList<DiagnosticFinding>& found);
    void timedOut(quint64 generation, std::size_t index);

    DiagnosticContext m_context;
    Checks m_checks;
    std::unique_ptr<QThreadPool> m_pool;
    std::shared_ptr<Channel> m_channel;
    std::vector<QTimer*> m_timers;
    std::vector<std::optional<QList<DiagnosticFinding>>> m_results;
    quint64 m_generation = 0;
    int m_remaining = 0;
    DiagnosticsReport m_report;
};

} // namespace dcc::diagnostics
