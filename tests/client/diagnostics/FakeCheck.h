#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QThread>

#include <atomic>

namespace dcc::test {

/// A check that answers given findings after `workMs` of work on its worker thread, and
/// records the thread it ran on.
class FakeCheck : public dcc::diagnostics::DiagnosticCheck
{
public:
    FakeCheck(QString id, QString group, dcc::diagnostics::DiagnosticFinding::Status status,
              int workMs = 0, std::chrono::milliseconds timeout = std::chrono::seconds(5))
        : m_id(std::move(id))
        , m_group(std::move(group))
        , m_status(status)
        , m_workMs(workMs)
        , m_timeout(timeout)
    {}

    [[nodiscard]] QString id() const override { return m_id; }
    [[nodiscard]] QString group() const override { return m_group; }
    [[nodiscard]] QString title() const override { return m_id; }
    [[nodiscard]] std::chrono::milliseconds
    timeout(const dcc::diagnostics::DiagnosticContext&) const override
    {
        return m_timeout;
    }
    [[nodiscard]] QList<dcc::diagnostics::DiagnosticFinding>
    run(const dcc::diagnostics::DiagnosticContext&) override
    {
        ranOn = QThread::currentThread();
        // Stands for blocking work (a driver, the network) on the worker thread.
        if (m_workMs > 0)
            QThread::msleep(static_cast<unsigned long>(m_workMs));
        dcc::diagnostics::DiagnosticFinding finding;
        finding.id = m_id;
        finding.group = m_group;
        finding.status = m_status;
        finding.title = m_id;
        finding.detail = QStringLiteral("detail of ") + m_id;
        finding.data = QJsonObject{{QStringLiteral("fact"), m_id}};
        return {finding};
    }

    std::atomic<QThread*> ranOn{nullptr};

private:
    QString m_id;
    QString m_group;
    dcc::diagnostics::DiagnosticFinding::Status m_status;
    int m_workMs;
    std::chrono::milliseconds m_timeout;
};

} // namespace dcc::test
