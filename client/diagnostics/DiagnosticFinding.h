#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace dcc::diagnostics {

/// One result of a diagnostic check: what was looked at, how it went, in plain French for
/// the support person (detail), what to do about it (advice), and the raw facts (data) for
/// the JSON report. Never holds a PIN, a password or a token.
struct DiagnosticFinding
{
    enum class Status
    {
        Ok,
        Warning,
        Error,
        NotApplicable,
    };

    QString id;    ///< stable, e.g. "pcsc.service" (docs/diagnostics.md)
    QString group; ///< "application", "pcsc", "pkcs11", "server", "browser"
    Status status = Status::Ok;
    QString title;
    QString detail;
    QString advice;
    QJsonObject data;

    /// "ok", "warning", "error", "not_applicable": the JSON report's values.
    static QString statusCode(Status status);
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace dcc::diagnostics

Q_DECLARE_METATYPE(dcc::diagnostics::DiagnosticFinding)
