#pragma once

#include "client/diagnostics/DiagnosticCheck.h"

#include <QByteArray>
#include <QCoreApplication>

namespace dcc::diagnostics {

/// The optional test signature (a button, never part of the standard run): logs in to the
/// token the login would select with the PIN the support person had typed, signs a
/// throw-away challenge with the authentication key as the login does, and checks the
/// signature with the certificate's public key. The PIN is wiped once used, and never
/// reaches a finding.
class TestSignatureCheck : public DiagnosticCheck
{
    Q_DECLARE_TR_FUNCTIONS(TestSignatureCheck)

public:
    /// `pin` is taken over (pass the only copy); empty on a PIN-pad reader.
    explicit TestSignatureCheck(QByteArray pin);
    ~TestSignatureCheck() override;
    TestSignatureCheck(const TestSignatureCheck&) = delete;
    TestSignatureCheck& operator=(const TestSignatureCheck&) = delete;

    [[nodiscard]] QString id() const override { return QStringLiteral("pkcs11.test_signature"); }
    [[nodiscard]] QString group() const override { return QStringLiteral("pkcs11"); }
    [[nodiscard]] QString title() const override;
    [[nodiscard]] std::chrono::milliseconds timeout(const DiagnosticContext& context) const override
    {
        // A PIN-pad reader waits for the user on top of the module's own work.
        return context.pkcs11Timeout * 2;
    }
    [[nodiscard]] QList<DiagnosticFinding> run(const DiagnosticContext& context) override;

private:
    QByteArray m_pin;
};

} // namespace dcc::diagnostics
