#pragma once

#include "client/diagnostics/DiagnosticContext.h"
#include "client/diagnostics/DiagnosticFinding.h"

#include <QList>
#include <QString>

#include <chrono>

namespace dcc::diagnostics {

/// One area the diagnostics look at (PC/SC, PKCS#11, the server, …). run() is called on a
/// worker thread, may block (loading modules, network), and never throws: whatever goes
/// wrong becomes a finding.
class DiagnosticCheck
{
public:
    virtual ~DiagnosticCheck() = default;

    [[nodiscard]] virtual QString id() const = 0;
    [[nodiscard]] virtual QString group() const = 0;
    /// French, shown while it runs.
    [[nodiscard]] virtual QString title() const = 0;
    /// How long run() may take before the runner reports it as hung.
    [[nodiscard]] virtual std::chrono::milliseconds
    timeout(const DiagnosticContext& context) const = 0;
    [[nodiscard]] virtual QList<DiagnosticFinding> run(const DiagnosticContext& context) = 0;

protected:
    /// A finding of this check's group, status Ok until the caller says otherwise.
    [[nodiscard]] DiagnosticFinding finding(const QString& findingId, const QString& title) const
    {
        DiagnosticFinding f;
        f.id = findingId;
        f.group = group();
        f.title = title;
        return f;
    }
};

} // namespace dcc::diagnostics
