#include "client/diagnostics/DiagnosticsReport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace dcc::diagnostics {

DiagnosticsReport::DiagnosticsReport(QDateTime generatedAt, QJsonObject application,
                                     QList<DiagnosticFinding> findings)
    : m_generatedAt(std::move(generatedAt))
    , m_application(std::move(application))
    , m_findings(std::move(findings))
{}

int DiagnosticsReport::count(DiagnosticFinding::Status status) const
{
    return static_cast<int>(std::count_if(
        m_findings.cbegin(), m_findings.cend(),
        [status](const DiagnosticFinding& finding) { return finding.status == status; }));
}

QJsonObject DiagnosticsReport::toJson() const
{
    using Status = DiagnosticFinding::Status;
    QJsonArray checks;
    for (const DiagnosticFinding& finding : m_findings)
        checks.append(finding.toJson());
    QJsonObject summary;
    for (const Status status : {Status::Ok, Status::Warning, Status::Error, Status::NotApplicable})
        summary.insert(DiagnosticFinding::statusCode(status), count(status));
    return QJsonObject{
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("generated_at"), m_generatedAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("application"), m_application},
        {QStringLiteral("checks"), checks},
        {QStringLiteral("summary"), summary},
    };
}

QByteArray DiagnosticsReport::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

QString DiagnosticsReport::statusLabel(DiagnosticFinding::Status status)
{
    switch (status) {
    case DiagnosticFinding::Status::Ok:
        return tr("OK");
    case DiagnosticFinding::Status::Warning:
        return tr("Attention");
    case DiagnosticFinding::Status::Error:
        return tr("Erreur");
    case DiagnosticFinding::Status::NotApplicable:
        return tr("Sans objet");
    }
    return tr("Erreur");
}

QString DiagnosticsReport::groupLabel(const QString& group)
{
    if (group == QLatin1String("application"))
        return tr("Application et système");
    if (group == QLatin1String("pcsc"))
        return tr("Lecteurs de cartes (PC/SC)");
    if (group == QLatin1String("pkcs11"))
        return tr("Modules PKCS#11 et carte");
    if (group == QLatin1String("server"))
        return tr("Serveur DCC Login");
    if (group == QLatin1String("browser"))
        return tr("Navigateur");
    return group;
}

QString DiagnosticsReport::toText() const
{
    using Status = DiagnosticFinding::Status;
    QString text = tr("Rapport de diagnostic DCC Login — %1")
                       .arg(m_generatedAt.toUTC().toString(Qt::ISODate)) +
                   QLatin1Char('\n');
    text += tr("%1 OK, %2 attention, %3 erreur(s), %4 sans objet")
                .arg(count(Status::Ok))
                .arg(count(Status::Warning))
                .arg(count(Status::Error))
                .arg(count(Status::NotApplicable)) +
            QLatin1Char('\n');
    QString group;
    for (const DiagnosticFinding& finding : m_findings) {
        if (finding.group != group) {
            group = finding.group;
            text += QStringLiteral("\n== %1 ==\n").arg(groupLabel(group));
        }
        text += QStringLiteral("[%1] %2 (%3)\n")
                    .arg(statusLabel(finding.status), finding.title, finding.id);
        if (!finding.detail.isEmpty())
            text += QStringLiteral("    %1\n").arg(finding.detail);
        if (!finding.advice.isEmpty())
            text += QStringLiteral("    → %1\n").arg(finding.advice);
        if (!finding.data.isEmpty()) {
            text += QStringLiteral("    %1\n")
                        .arg(QString::fromUtf8(
                            QJsonDocument(finding.data).toJson(QJsonDocument::Compact)));
        }
    }
    return text;
}

} // namespace dcc::diagnostics
