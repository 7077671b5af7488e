#pragma once

#include "client/card/pkcs11/Pkcs11Inventory.h"
#include "client/diagnostics/DiagnosticCheck.h"

#include <QCoreApplication>

namespace dcc::diagnostics {

/// Every PKCS#11 module candidate in the login's selection order (present, loadable, a
/// 32/64-bit mismatch named as such, C_GetInfo), then for each loaded module its tokens
/// (label, model, serial, flags, PIN state), their authentication and signature
/// certificates (holder, national identifier, issuer, validity, days left) and whether the
/// authentication key can sign the way the login needs. Never logs in.
class Pkcs11Check : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(Pkcs11Check)

public:
    /// Days of validity left under which a certificate is a warning.
    static constexpr int kExpiryWarningDays = 30;

    [[nodiscard]] QString id() const override { return QStringLiteral("pkcs11"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("pkcs11"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        return context.pkcs11Timeout;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;

private:
    /// The token, its certificates and its signing mechanisms; sets `usable` when it holds
    /// an authentication key the login can use.
    [[nodiscard]] QList<DiagnosticFinding>
    describeToken(const QString& modulePath, const dcc::card::Pkcs11Inventory::Slot& slot,
                  bool& usable) const;
};

} // namespace dcc::diagnostics
