#include "client/api/ApiError.h"

#include "common/Protocol.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace dcc::client {

// Not `field` or `protocol`: both are also member names of ApiError.
namespace wire = dcc::protocol::field;

namespace {

QString fieldName(std::string_view name)
{
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace

ApiError::ApiError(Kind kind, QString description)
    : m_kind(kind)
    , m_description(std::move(description))
{}

ApiError ApiError::protocol(int httpStatus, const QJsonObject& body, const QString& context)
{
    ApiError error(Kind::Protocol, {});
    error.m_httpStatus = httpStatus;
    error.m_body = body;
    error.m_codeString = body.value(fieldName(wire::kError)).toString();
    error.m_message = body.value(fieldName(wire::kMessage)).toString();
    error.m_code = ErrorCodes::fromCode(error.m_codeString.toStdString());
    // The server's message is English and free of secrets (it never echoes a field's value),
    // so it is fit for the log line.
    error.m_description = QStringLiteral("%1: HTTP %2 %3 (%4)")
                              .arg(context)
                              .arg(httpStatus)
                              .arg(error.m_codeString, error.m_message);
    return error;
}

ApiError ApiError::network(QNetworkReply::NetworkError networkError, const QString& description)
{
    ApiError error(Kind::Network, description);
    error.m_networkError = networkError;
    return error;
}

ApiError ApiError::tls(const QStringList& sslErrors, const QString& description)
{
    ApiError error(Kind::Tls, description);
    error.m_sslErrors = sslErrors;
    error.m_networkError = QNetworkReply::SslHandshakeFailedError;
    return error;
}

ApiError ApiError::timeout(const QString& description)
{
    ApiError error(Kind::Timeout, description);
    error.m_networkError = QNetworkReply::TimeoutError;
    return error;
}

ApiError ApiError::canceled(const QString& description)
{
    ApiError error(Kind::Canceled, description);
    error.m_networkError = QNetworkReply::OperationCanceledError;
    return error;
}

ApiError ApiError::badAnswer(int httpStatus, const QString& description)
{
    ApiError error(Kind::BadAnswer, description);
    error.m_httpStatus = httpStatus;
    return error;
}

std::optional<int> ApiError::integerDetail(const QString& name) const
{
    const QJsonValue value = m_body.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    // JSON numbers are doubles: accept only whole numbers that fit, never a rounded guess.
    if (std::trunc(number) != number || number < std::numeric_limits<int>::min() ||
        number > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(number);
}

std::optional<int> ApiError::attemptsLeft() const
{
    return integerDetail(fieldName(wire::kAttemptsLeft));
}

std::optional<int> ApiError::retryAfter() const
{
    return integerDetail(fieldName(wire::kRetryAfter));
}

QString ApiError::reason() const
{
    return m_body.value(fieldName(wire::kReason)).toString();
}

QStringList ApiError::rules() const
{
    QStringList rules;
    const QJsonArray array = m_body.value(fieldName(wire::kRules)).toArray();
    for (const QJsonValue& rule : array) {
        if (rule.isString())
            rules << rule.toString();
    }
    return rules;
}

QString ApiError::field() const
{
    return m_body.value(fieldName(wire::kField)).toString();
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Protocol:
        return QStringLiteral("protocol");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Canceled:
        return QStringLiteral("canceled");
    case Kind::BadAnswer:
        return QStringLiteral("bad_answer");
    }
    return QStringLiteral("unknown");
}

} // namespace dcc::client
