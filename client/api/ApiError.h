#pragma once

#include "common/ErrorCode.h"

#include <QJsonObject>
#include <QMetaType>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

#include <optional>

namespace dcc::client {

/// Why a server call did not succeed, as a value the controller can switch on.
///
/// Protocol errors carry what the server said (DESIGN.md, "Protocol"): the `error` code,
/// parsed into dcc::ErrorCode when this client knows it (a newer server may send codes it
/// does not; code() is then empty and codeString() still has it), the HTTP status, the
/// server's English `message` and the whole JSON body for the details some codes carry.
///
/// There is no user-facing text here on purpose: the UI maps kind() and code() to its own
/// translated sentences. description() is English for logs and the diagnostics report; it
/// never contains a request or answer body (passwords, codes, tokens, tickets).
class ApiError
{
public:
    enum class Kind
    {
        Protocol,  ///< the server answered with a protocol error (`{"error": …}`)
        Network,   ///< refused, unreachable, DNS failure, proxy failure, connection dropped
        Tls,       ///< certificate or handshake problem; never ignored
        Timeout,   ///< nothing transferred within the call's timeout
        Canceled,  ///< ApiCall::cancel()
        BadAnswer, ///< an answer came, but not the expected JSON (a proxy's HTML page, …)
    };

    /// A Canceled error (default-constructible so that the type works as a Qt metatype).
    ApiError() = default;

    static ApiError protocol(int httpStatus, const QJsonObject& body, const QString& context);
    static ApiError network(QNetworkReply::NetworkError error, const QString& description);
    static ApiError tls(const QStringList& sslErrors, const QString& description);
    static ApiError timeout(const QString& description);
    static ApiError canceled(const QString& description);
    static ApiError badAnswer(int httpStatus, const QString& description);

    [[nodiscard]] Kind kind() const { return m_kind; }

    // Protocol
    /// The `error` code, when this client knows it.
    [[nodiscard]] std::optional<dcc::ErrorCode> code() const { return m_code; }
    /// The `error` field exactly as received (empty for other kinds).
    [[nodiscard]] QString codeString() const { return m_codeString; }
    /// The server's English `message` (for logs, never shown as is).
    [[nodiscard]] QString message() const { return m_message; }
    /// The whole JSON error body.
    [[nodiscard]] QJsonObject body() const { return m_body; }
    [[nodiscard]] std::optional<int> attemptsLeft() const;
    /// Seconds to wait before asking again (rate_limited).
    [[nodiscard]] std::optional<int> retryAfter() const;
    /// certificate_rejected: untrusted, expired, not_yet_valid, revoked, wrong_usage.
    [[nodiscard]] QString reason() const;
    /// password_policy: the codes of the unmet rules.
    [[nodiscard]] QStringList rules() const;
    /// invalid_request: the field the server complained about.
    [[nodiscard]] QString field() const;

    /// The HTTP status of the answer (Protocol, and BadAnswer when an answer came); 0 when
    /// no HTTP answer was received.
    [[nodiscard]] int httpStatus() const { return m_httpStatus; }

    // Tls
    /// The text of each certificate problem (QSslError::errorString(), with the subject of
    /// the certificate it is about); empty when the handshake failed for another reason.
    [[nodiscard]] QStringList sslErrors() const { return m_sslErrors; }

    // Network, Tls, Timeout
    /// The QNetworkReply error behind a transport failure (NoError for the other kinds).
    [[nodiscard]] QNetworkReply::NetworkError networkError() const { return m_networkError; }

    /// English, for developers and the diagnostics report.
    [[nodiscard]] QString description() const { return m_description; }

    [[nodiscard]] static QString kindName(Kind kind);

private:
    ApiError(Kind kind, QString description);

    [[nodiscard]] std::optional<int> integerDetail(const QString& name) const;

    Kind m_kind = Kind::Canceled;
    std::optional<dcc::ErrorCode> m_code;
    QString m_codeString;
    QString m_message;
    QJsonObject m_body;
    int m_httpStatus = 0;
    QStringList m_sslErrors;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
    QString m_description;
};

} // namespace dcc::client

Q_DECLARE_METATYPE(dcc::client::ApiError)
