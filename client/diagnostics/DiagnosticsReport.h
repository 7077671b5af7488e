#pragma once

#include "client/diagnostics/DiagnosticFinding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dcc::diagnostics {

/// The findings of one diagnostics run, in check order, as text (for "Copier" and the
/// terminal) or JSON (field names documented in docs/diagnostics.md, and stable).
class DiagnosticsReport
{
    Q_DECLARE_TR_FUNCTIONS(DiagnosticsReport)

public:
    static constexpr int kFormatVersion = 1;

    DiagnosticsReport() = default;
    DiagnosticsReport(QDateTime generatedAt, QJsonObject application,
                      QList<DiagnosticFinding> findings);

    [[nodiscard]] const QDateTime& generatedAt() const noexcept { return m_generatedAt; }
    [[nodiscard]] const QList<DiagnosticFinding>& findings() const noexcept { return m_findings; }
    [[nodiscard]] int count(DiagnosticFinding::Status status) const;
    /// Exit status 1 of `dcc-login --diagnose`.
    [[nodiscard]] bool hasErrors() const { return count(DiagnosticFinding::Status::Error) > 0; }

    /// {"version":1,"generated_at":…,"application":{…},"checks":[…],"summary":{…}}
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] QByteArray toJsonBytes() const;
    /// Grouped, one block per finding, with its status in French.
    [[nodiscard]] QString toText() const;

    /// The French word for a status ("Erreur").
    static QString statusLabel(DiagnosticFinding::Status status);
    /// The French name of a group ("Lecteurs PC/SC").
    static QString groupLabel(const QString& group);

private:
    QDateTime m_generatedAt;
    QJsonObject m_application;
    QList<DiagnosticFinding> m_findings;
};

} // namespace dcc::diagnostics

Q_DECLARE_METATYPE(dcc::diagnostics::DiagnosticsReport)
