#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QCoreApplication>

namespace dcc::diagnostics {

/// The DCC Login server: the address resolves, the TLS handshake and the trust in its
/// certificate, /api/v1/info (version, methods), the clock skew, and the proxy in use.
/// Runs its own event loop on the worker thread for the API call.
class ServerCheck : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(ServerCheck)

public:
    /// Above this difference between the server's clock and the workstation's, a warning:
    /// certificate dates and one-time codes depend on it.
    static constexpr qint64 kMaxClockSkewSeconds = 120;

    [[nodiscard]] QString id() const override { return QStringLiteral("server"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("server"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        return context.serverTimeout;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;
};

} // namespace dcc::diagnostics
