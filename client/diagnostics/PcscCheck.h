#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QCoreApplication>

namespace dcc::diagnostics {

/// The smart card service, the readers with their state and PIN-pad capability, and the
/// card in each (ATR and type: CPS3, CPS3 contactless, CPS4, unknown).
class PcscCheck : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(PcscCheck)

public:
    [[nodiscard]] QString id() const override { return QStringLiteral("pcsc"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("pcsc"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        return context.quickTimeout;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;
};

} // namespace dcc::diagnostics
