#include "client/ui/DiagnosticsWindow.h"

#include <QApplication>
#include <QBrush>
#include <QClipboard>
#include <QColor>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dcc::client {

namespace {

using dcc::diagnostics::DiagnosticFinding;
using dcc::diagnostics::DiagnosticsReport;

QColor statusColour(DiagnosticFinding::Status status)
{
    switch (status) {
    case DiagnosticFinding::Status::Ok:
        return QColor(0x1b, 0x7f, 0x3b);
    case DiagnosticFinding::Status::Warning:
        return QColor(0xb2, 0x5e, 0x00);
    case DiagnosticFinding::Status::Error:
        return QColor(0xb0, 0x00, 0x20);
    case DiagnosticFinding::Status::NotApplicable:
        return QColor(0x60, 0x60, 0x60);
    }
    return QColor(0x60, 0x60, 0x60);
}

} // namespace

DiagnosticsWindow::DiagnosticsWindow(dcc::diagnostics::DiagnosticContext context,
                                     dcc::diagnostics::DiagnosticsRunner::Checks checks,
                                     TestSignature testSignature, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_context(context)
    , m_testSignature(std::move(testSignature))
{
    setObjectName("diagnosticsWindow");
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_runner = new dcc::diagnostics::DiagnosticsRunner(std::move(context), std::move(checks), this);

    m_summary = new QLabel(this);
    m_summary->setObjectName("summaryLabel");
    m_summary->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("progressBar");
    m_progress->setRange(0, m_runner->checkCount());
    m_results = new QTreeWidget(this);
    m_results->setObjectName("resultsTree");
    m_results->setColumnCount(3);
    m_results->setWordWrap(true);
    m_results->header()->setStretchLastSection(true);
    m_copyButton = new QPushButton(this);
    m_copyButton->setObjectName("copyButton");
    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName("saveButton");
    m_rerunButton = new QPushButton(this);
    m_rerunButton->setObjectName("rerunButton");
    m_testSignatureButton = new QPushButton(this);
    m_testSignatureButton->setObjectName("testSignatureButton");
    if (!m_testSignature)
        m_testSignatureButton->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_saveButton);
    buttons->addStretch();
    buttons->addWidget(m_testSignatureButton);
    buttons->addWidget(m_rerunButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_results, 1);
    layout->addLayout(buttons);

    connect(m_runner, &dcc::diagnostics::DiagnosticsRunner::progress, this,
            &DiagnosticsWindow::onProgress);
    connect(m_runner, &dcc::diagnostics::DiagnosticsRunner::finished, this,
            [this] { showReport(currentReport()); });
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(currentReport().toText()); });
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Enregistrer le rapport"), QStringLiteral("diagnostic-dcc-login.txt"),
            tr("Texte (*.txt);;JSON (*.json)"));
        if (!path.isEmpty() && !saveReport(path))
            m_summary->setText(tr("Le rapport n'a pas pu être enregistré dans %1.").arg(path));
    });
    connect(m_rerunButton, &QPushButton::clicked, this, &DiagnosticsWindow::runAll);
    connect(m_testSignatureButton, &QPushButton::clicked, this,
            &DiagnosticsWindow::askPinAndTestSignature);

    resize(760, 560);
    retranslate();
}

void DiagnosticsWindow::retranslate()
{
    setWindowTitle(tr("Diagnostic DCC Login"));
    m_copyButton->setText(tr("Copier"));
    m_saveButton->setText(tr("Enregistrer le rapport…"));
    m_rerunButton->setText(tr("Relancer"));
    m_testSignatureButton->setText(tr("Signature de test…"));
    m_results->setHeaderLabels({tr("Contrôle"), tr("État"), tr("Détail")});
    if (!m_runner->isRunning() && !m_runner->report().findings().isEmpty())
        showReport(currentReport());
}

void DiagnosticsWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DiagnosticsWindow::runAll()
{
    m_signatureFindings.clear();
    m_results->clear();
    m_progress->setValue(0);
    m_copyButton->setEnabled(false);
    m_saveButton->setEnabled(false);
    m_rerunButton->setEnabled(false);
    m_testSignatureButton->setEnabled(false);
    m_summary->setText(tr("Diagnostic en cours…"));
    m_runner->start();
}

void DiagnosticsWindow::onProgress(int done, int total, const QString& title)
{
    m_progress->setValue(done);
    m_summary->setText(
        tr("Diagnostic en cours… %1/%2 (%3 terminé)").arg(done).arg(total).arg(title));
}

void DiagnosticsWindow::showReport(const DiagnosticsReport& report)
{
    using Status = DiagnosticFinding::Status;
    m_results->clear();
    QTreeWidgetItem* groupItem = nullptr;
    QString group;
    Status worst = Status::NotApplicable;
    const auto rank = [](Status s) {
        switch (s) {
        case Status::Error:
            return 3;
        case Status::Warning:
            return 2;
        case Status::Ok:
            return 1;
        case Status::NotApplicable:
            return 0;
        }
        return 0;
    };
    for (const DiagnosticFinding& finding : report.findings()) {
        if (!groupItem || finding.group != group) {
            group = finding.group;
            groupItem = new QTreeWidgetItem(m_results, {DiagnosticsReport::groupLabel(group)});
            groupItem->setExpanded(true);
            worst = Status::NotApplicable;
        }
        QString text = finding.detail;
        if (!finding.advice.isEmpty())
            text += QStringLiteral("\n→ ") + finding.advice;
        auto* item = new QTreeWidgetItem(
            groupItem, {finding.title, DiagnosticsReport::statusLabel(finding.status), text});
        item->setData(0, Qt::UserRole, finding.id);
        item->setData(1, Qt::UserRole, DiagnosticFinding::statusCode(finding.status));
        item->setForeground(1, QBrush(statusColour(finding.status)));
        item->setToolTip(2, text);
        if (rank(finding.status) > rank(worst)) {
            worst = finding.status;
            groupItem->setText(1, DiagnosticsReport::statusLabel(worst));
            groupItem->setForeground(1, QBrush(statusColour(worst)));
        }
    }
    m_results->resizeColumnToContents(0);
    m_progress->setValue(m_progress->maximum());
    m_summary->setText(tr("%1 OK, %2 attention, %3 erreur(s), %4 sans objet")
                           .arg(report.count(Status::Ok))
                           .arg(report.count(Status::Warning))
                           .arg(report.count(Status::Error))
                           .arg(report.count(Status::NotApplicable)));
    m_copyButton->setEnabled(true);
    m_saveButton->setEnabled(true);
    m_rerunButton->setEnabled(true);
    m_testSignatureButton->setEnabled(true);
}

bool DiagnosticsWindow::saveReport(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                 ? currentReport().toJsonBytes()
                                 : currentReport().toText().toUtf8();
    return file.write(bytes) == bytes.size();
}

DiagnosticsReport DiagnosticsWindow::currentReport() const
{
    const DiagnosticsReport& report = m_runner->report();
    if (m_signatureFindings.isEmpty())
        return report;
    // After the last finding of its group, so that the group stays in one piece.
    QList<DiagnosticFinding> findings = report.findings();
    qsizetype at = findings.size();
    for (qsizetype i = 0; i < findings.size(); ++i) {
        if (findings[i].group == m_signatureFindings.constFirst().group)
            at = i + 1;
    }
    for (const DiagnosticFinding& finding : m_signatureFindings)
        findings.insert(at++, finding);
    return DiagnosticsReport(report.generatedAt(),
                             dcc::diagnostics::DiagnosticsRunner::applicationInfo(m_context),
                             findings);
}

void DiagnosticsWindow::askPinAndTestSignature()
{
    bool accepted = false;
    QString text =
        QInputDialog::getText(this, tr("Signature de test"),
                              tr("Code PIN de la carte (laissez vide sur un lecteur à clavier) :"),
                              QLineEdit::Password, {}, &accepted);
    QByteArray pin = text.toUtf8();
    // The dialog's copy is beyond reach; this one at least does not linger.
    text.fill(QLatin1Char('\0'));
    if (accepted)
        runTestSignature(std::move(pin));
    else
        pin.fill('\0');
}

void DiagnosticsWindow::runTestSignature(QByteArray pin)
{
    if (!m_testSignature) {
        pin.fill('\0');
        return;
    }
    delete m_signatureRunner;
    m_signatureRunner =
        new dcc::diagnostics::DiagnosticsRunner(m_context, {m_testSignature(std::move(pin))}, this);
    connect(m_signatureRunner, &dcc::diagnostics::DiagnosticsRunner::finished, this,
            [this](const DiagnosticsReport& report) {
                m_signatureFindings = report.findings();
                showReport(currentReport());
            });
    m_testSignatureButton->setEnabled(false);
    m_rerunButton->setEnabled(false);
    m_summary->setText(tr("Signature de test en cours…"));
    m_signatureRunner->start();
}

} // namespace dcc::client
