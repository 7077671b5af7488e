#pragma once

#include "client/diagnostics/DiagnosticContext.h"
#include "client/diagnostics/DiagnosticsReport.h"
#include "client/diagnostics/DiagnosticsRunner.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace dcc::client {

/// The support person's window (issue 8): runs the diagnostics off the GUI thread with
/// progress, shows the findings grouped and coloured, and copies or saves the report.
/// Widgets carry object names so that tests drive them.
class DiagnosticsWindow : public QWidget
{
    Q_OBJECT

public:
    /// Makes the optional test signature's check with the PIN (taken over). It comes from
    /// the backend module (LoginBackend::testSignatureCheck()), which holds the card code.
    using TestSignature =
        std::function<std::shared_ptr<dcc::diagnostics::DiagnosticCheck>(QByteArray pin)>;

    /// Without `testSignature`, no "Signature de test…" button.
    DiagnosticsWindow(dcc::diagnostics::DiagnosticContext context,
                      dcc::diagnostics::DiagnosticsRunner::Checks checks,
                      TestSignature testSignature = {}, QWidget* parent = nullptr);

    [[nodiscard]] dcc::diagnostics::DiagnosticsRunner& runner() { return *m_runner; }
    /// JSON when `path` ends in .json, text otherwise. False when it cannot be written.
    bool saveReport(const QString& path) const;
    /// The last run with the test signature, when one was made, in its group.
    [[nodiscard]] dcc::diagnostics::DiagnosticsReport currentReport() const;
    /// The optional test signature with this PIN (taken over; empty for a PIN pad). The
    /// "Signature de test…" button asks for the PIN and calls this.
    void runTestSignature(QByteArray pin);

public Q_SLOTS:
    /// Runs every check again ("Relancer").
    void runAll();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onProgress(int done, int total, const QString& title);
    void showReport(const dcc::diagnostics::DiagnosticsReport& report);

    void askPinAndTestSignature();

    dcc::diagnostics::DiagnosticContext m_context;
    TestSignature m_testSignature;
    dcc::diagnostics::DiagnosticsRunner* m_runner = nullptr;
    dcc::diagnostics::DiagnosticsRunner* m_signatureRunner = nullptr;
    QList<dcc::diagnostics::DiagnosticFinding> m_signatureFindings;
    QLabel* m_summary = nullptr;
    QProgressBar* m_progress = nullptr;
    QTreeWidget* m_results = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_rerunButton = nullptr;
    QPushButton* m_testSignatureButton = nullptr;
};

} // namespace dcc::client
