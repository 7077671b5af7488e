#include "client/api/ApiCall.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QUrl>

#include <utility>

namespace dcc::client {

namespace {

// Log lines name the operation, the outcome and the time: never a body, which holds
// passwords, codes, flows and launch tickets.
Q_LOGGING_CATEGORY(lcApi, "dcc.client.api")

QString describe(const QSslError& error)
{
    const QSslCertificate certificate = error.certificate();
    if (certificate.isNull())
        return error.errorString();
    return QStringLiteral("%1 (certificate \"%2\", issued by \"%3\")")
        .arg(error.errorString(), certificate.subjectDisplayName(),
             certificate.issuerDisplayName());
}

QString contentTypeOf(const QNetworkReply& reply)
{
    const QString type = reply.header(QNetworkRequest::ContentTypeHeader).toString();
    return type.isEmpty() ? QStringLiteral("no Content-Type") : type;
}

} // namespace

ApiCall::ApiCall(QNetworkReply* reply, QString operation, QObject* parent)
    : ServerCall(parent)
    , m_reply(reply)
    , m_operation(std::move(operation))
{
    m_elapsed.start();
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &ApiCall::onSslErrors);
}

ApiCall::ApiCall(const ApiError& error, QString operation, QObject* parent)
    : ServerCall(parent)
    , m_operation(std::move(operation))
{
    m_elapsed.start();
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (!m_finished)
                fail(error);
        },
        Qt::QueuedConnection);
}

ApiCall::~ApiCall()
{
    if (!m_finished)
        qCDebug(lcApi).noquote() << m_operation << "abandoned unfinished";
    // Silent on purpose: an owner that destroys a call no longer listens to it.
    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiCall::cancel()
{
    if (m_finished)
        return;
    fail(ApiError::canceled(
        QStringLiteral("%1: canceled after %2 ms").arg(m_operation).arg(m_elapsed.elapsed())));
}

bool ApiCall::finish()
{
    if (m_finished)
        return false;
    m_finished = true;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        // Disconnected before abort(): abort() emits finished() at once, and the call must
        // not hear about its own ending a second time.
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        // Later: this may run inside one of the reply's own signals.
        reply->deleteLater();
    }
    return true;
}

void ApiCall::succeed(const QJsonObject& body, int httpStatus)
{
    if (!finish())
        return;
    qCDebug(lcApi).noquote() << m_operation << "HTTP" << httpStatus << "in" << m_elapsed.elapsed()
                             << "ms";
    const QPointer<ApiCall> alive(this);
    Q_EMIT succeeded(body);
    if (alive && m_autoDelete)
        deleteLater();
}

void ApiCall::fail(const ApiError& error)
{
    if (!finish())
        return;
    if (error.kind() == ApiError::Kind::Protocol || error.kind() == ApiError::Kind::Canceled)
        qCInfo(lcApi).noquote() << error.description();
    else
        qCWarning(lcApi).noquote()
            << ApiError::kindName(error.kind()) + QStringLiteral(":") << error.description();
    const QPointer<ApiCall> alive(this);
    Q_EMIT failed(error);
    if (alive && m_autoDelete)
        deleteLater();
}

void ApiCall::onSslErrors(const QList<QSslError>& errors)
{
    // Recorded, never ignored: the handshake then fails and the call ends as a Tls error
    // that names each problem.
    for (const QSslError& error : errors)
        m_sslErrors << describe(error);
}

void ApiCall::onReadyRead()
{
    // An aborted reply (the transfer timeout) is closed: nothing to read.
    if (m_finished || !m_reply || !m_reply->isReadable())
        return;
    m_answer += m_reply->readAll();
    if (m_answer.size() > kMaxAnswerBytes) {
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        fail(ApiError::badAnswer(
            status, QStringLiteral("%1: HTTP %2 answer larger than %3 bytes, abandoned")
                        .arg(m_operation)
                        .arg(status)
                        .arg(kMaxAnswerBytes)));
    }
}

void ApiCall::onFinished()
{
    if (m_finished || !m_reply)
        return;
    onReadyRead();
    if (m_finished)
        return;
    QNetworkReply& reply = *m_reply;
    const QNetworkReply::NetworkError error = reply.error();
    const QVariant statusAttribute = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Network and proxy errors (below 200) are transport failures even after a status line
    // came (a connection dropped in the middle of the answer); the other error values only
    // restate an HTTP status whose body says more.
    if (error != QNetworkReply::NoError &&
        (!statusAttribute.isValid() || static_cast<int>(error) < 200)) {
        fail(transportError(error, reply.errorString()));
        return;
    }

    const int status = statusAttribute.toInt();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(m_answer, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && document.isObject();

    if (status >= 200 && status < 300) {
        if ((status == 202 || status == 204) && m_answer.trimmed().isEmpty()) {
            succeed({}, status);
        } else if (isObject) {
            succeed(document.object(), status);
        } else {
            fail(ApiError::badAnswer(
                status, QStringLiteral("%1: HTTP %2 answer is not a JSON object (%3, %4 bytes)")
                            .arg(m_operation)
                            .arg(status)
                            .arg(contentTypeOf(reply))
                            .arg(m_answer.size())));
        }
        return;
    }
    if (isObject && document.object().value(QStringLiteral("error")).isString()) {
        fail(ApiError::protocol(status, document.object(), m_operation));
        return;
    }
    // Redirects are not followed (ServerApi): a POST with a password must not go elsewhere.
    // The host a redirect points to says who answered (a captive portal, a proxy).
    QString what = contentTypeOf(reply);
    if (status >= 300 && status < 400) {
        const QUrl location = reply.header(QNetworkRequest::LocationHeader).toUrl();
        what = QStringLiteral("redirect to host \"%1\"").arg(location.host());
    }
    fail(ApiError::badAnswer(status, QStringLiteral("%1: HTTP %2 without a JSON error (%3)")
                                         .arg(m_operation)
                                         .arg(status)
                                         .arg(what)));
}

ApiError ApiCall::transportError(QNetworkReply::NetworkError error, const QString& errorText) const
{
    const QString description = QStringLiteral("%1: %2 (QNetworkReply error %3, after %4 ms)")
                                    .arg(m_operation, errorText)
                                    .arg(static_cast<int>(error))
                                    .arg(m_elapsed.elapsed());
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError:
        return ApiError::tls(m_sslErrors, description);
    case QNetworkReply::TimeoutError:
    // cancel() lets go of the reply before aborting it, so an abort this call hears of is
    // the transfer timeout's (QNetworkRequest::setTransferTimeout()), which Qt reports as
    // "Operation canceled".
    case QNetworkReply::OperationCanceledError:
        return ApiError::timeout(QStringLiteral("%1: no answer in time (%2 ms)")
                                     .arg(m_operation)
                                     .arg(m_elapsed.elapsed()));
    case QNetworkReply::ProtocolFailure:
        // Something answered, but not in HTTP (e.g. plain http to a TLS port).
        return ApiError::badAnswer(0, description);
    default:
        if (!m_sslErrors.isEmpty())
            return ApiError::tls(m_sslErrors, description);
        return ApiError::network(error, description);
    }
}

} // namespace dcc::client
