#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QCoreApplication>
#include <QStringList>

namespace dcc::diagnostics {

/// The browser side, as the user guide asks: the default browser, and whether the CPS
/// module is registered for Firefox (the Cryptolib's PKCS#11 manifest on Linux and macOS,
/// the registry key on Windows).
class BrowserCheck : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(BrowserCheck)

public:
    [[nodiscard]] QString id() const override { return QStringLiteral("browser"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("browser"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        return context.quickTimeout;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;

    /// Where Firefox reads PKCS#11 manifests on this OS (empty where it has none).
    static QStringList defaultManifestDirs();

private:
    [[nodiscard]] DiagnosticFinding defaultBrowser(const DiagnosticContext& context) const;
    [[nodiscard]] DiagnosticFinding firefoxModule(const DiagnosticContext& context) const;
};

} // namespace dcc::diagnostics
