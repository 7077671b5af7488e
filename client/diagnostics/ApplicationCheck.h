#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QCoreApplication>

namespace dcc::diagnostics {

/// Versions (application, Qt, OpenSSL), the system (OS, architecture, locale) and the
/// settings in force with where each comes from.
class ApplicationCheck : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(ApplicationCheck)

public:
    [[nodiscard]] QString id() const override { return QStringLiteral("application"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("application"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        return context.quickTimeout;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;
};

} // namespace dcc::diagnostics
