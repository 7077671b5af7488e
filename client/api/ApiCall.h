#pragma once

#include "client/api/ApiError.h"
#include "client/backend/ServerCall.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QString>
#include <QStringList>

namespace dcc::client {

/// One request to the server, made by ServerApi; it ends with exactly one signal, once:
/// succeeded() with the JSON answer, or failed() with an ApiError.
///
/// Ownership: the call's QObject parent is the ServerApi that made it, so it never outlives
/// it. By default it deletes itself (deleteLater()) right after emitting its signal: connect
/// to it as soon as the ServerApi method returns (nothing is emitted before control goes
/// back to the event loop) and do not keep the pointer past the signal. A caller that wants
/// to keep the finished object calls setAutoDelete(false), before or inside its slot, and
/// then deletes it itself (or leaves it to the ServerApi). Do not `delete` a call inside a
/// slot connected to it; deleteLater() is safe.
///
/// Destroying a call that has not finished (directly, or with its ServerApi) aborts the
/// request silently: no signal. cancel() aborts it loudly, with failed(Canceled).
class ApiCall : public ServerCall
{
    Q_OBJECT

public:
    /// Answers above this are refused (BadAnswer): the API's answers are a few hundred
    /// bytes, and an endless body from a broken proxy must not grow memory without bound.
    static constexpr qsizetype kMaxAnswerBytes = 1024 * 1024;

    ~ApiCall() override;

    /// Aborts the request and emits failed(Canceled) before returning, unless the call has
    /// already finished (then it does nothing). Nothing is emitted after it.
    void cancel();

    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    /// "POST /api/v1/auth/otp": for logs and the diagnostics report.
    [[nodiscard]] QString operation() const { return m_operation; }

    // succeeded() and failed(): ServerCall.

private:
    friend class ServerApi;

    /// Follows `reply` (which stays a child of its QNetworkAccessManager).
    ApiCall(QNetworkReply* reply, QString operation, QObject* parent);
    /// A call that could not even be sent: fails with `error` on the next turn of the event
    /// loop, so that the caller has connected by then.
    ApiCall(const ApiError& error, QString operation, QObject* parent);

    void onReadyRead();
    void onFinished();
    void onSslErrors(const QList<QSslError>& errors);

    [[nodiscard]] ApiError transportError(QNetworkReply::NetworkError error,
                                          const QString& errorText) const;
    void succeed(const QJsonObject& body, int httpStatus);
    void fail(const ApiError& error);
    /// Marks the call finished and lets go of the reply (aborting it when still running).
    bool finish();

    QPointer<QNetworkReply> m_reply;
    QString m_operation;
    QByteArray m_answer;
    QStringList m_sslErrors;
    QElapsedTimer m_elapsed;
    bool m_finished = false;
    bool m_autoDelete = true;
};

} // namespace dcc::client
