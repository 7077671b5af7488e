#include "client/diagnostics/DiagnosticFinding.h"

namespace dcc::diagnostics {

QString DiagnosticFinding::statusCode(Status status)
{
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok");
    case Status::Warning:
        return QStringLiteral("warning");
    case Status::Error:
        return QStringLiteral("error");
    case Status::NotApplicable:
        return QStringLiteral("not_applicable");
    }
    return QStringLiteral("error");
}

QJsonObject DiagnosticFinding::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("group"), group},
        {QStringLiteral("status"), statusCode(status)},
        {QStringLiteral("title"), title},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("advice"), advice},
        {QStringLiteral("data"), data},
    };
}

} // namespace dcc::diagnostics
