#pragma once

#include "client/api/ApiCall.h"
#include "client/backend/ServerLink.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>
#include <string_view>

class QNetworkAccessManager;

namespace dcc::client {

/// The server's JSON API (DESIGN.md, "Protocol"), asynchronous, for the GUI thread: every
/// method returns at once with an ApiCall that later emits succeeded() or failed() (see
/// ApiCall for who deletes it). Nothing here blocks; QNetworkAccessManager does the I/O.
///
/// TLS: the system's CA store, plus the certificates of an optional extra CA file (the
/// administrator's ServerCa setting, for a hospital's own PKI). Certificate problems are
/// never ignored. Plain http is refused unless the host is a loopback address (the server
/// allows the same), so that a mistyped URL cannot send a password in clear.
///
/// Redirects are not followed and no cookies are kept: the API is stateless, and a password
/// must reach this server or nothing.
///
/// Nothing is logged beyond the operation, the outcome and the time; never a body.
class ServerApi : public QObject, public ServerLink
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{20000};

    struct Options
    {
        /// PEM (or DER) file of CA certificates trusted on top of the system store; empty
        /// for none.
        QString extraCaFile;
        /// A call fails with Timeout when nothing is transferred for this long
        /// (QNetworkRequest::setTransferTimeout()).
        std::chrono::milliseconds timeout = kDefaultTimeout;
    };

    /// `baseUrl`: the server's public base URL, e.g. https://dcc-login.hopital.fr:8443
    /// (path, query and fragment are ignored).
    ServerApi(const QUrl& baseUrl, const Options& options, QObject* parent = nullptr);
    explicit ServerApi(const QUrl& baseUrl, QObject* parent = nullptr);
    /// Unfinished calls end silently (see ApiCall).
    ~ServerApi() override;

    /// Makes every QNetworkAccessManager of the application use the system's proxy settings
    /// (Windows/macOS settings, PAC; http_proxy/https_proxy/no_proxy elsewhere). Call once
    /// in main(), before the first request.
    static void useSystemProxy();

    /// "DCC-Login/<version> (Qt <version>; <OS>)".
    [[nodiscard]] static QString userAgent();

    /// `scheme://host[:port]` of `url`, as a server's `server.publicOrigin` is written:
    /// lower-case scheme and host, IPv6 in brackets, the default port left out.
    [[nodiscard]] static QString originOf(const QUrl& url);

    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    /// originOf(baseUrl()): what the CPS challenge digest is bound to (CpsChallenge).
    [[nodiscard]] QString origin() const { return originOf(m_baseUrl); }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    /// The certificates read from Options::extraCaFile.
    [[nodiscard]] QList<QSslCertificate> extraCaCertificates() const { return m_extraCa; }
    /// Why Options::extraCaFile gave no certificate (English, for the diagnostics report);
    /// empty when it was read or none was configured.
    [[nodiscard]] QString caProblem() const { return m_caProblem; }
    /// The TLS settings every call uses.
    [[nodiscard]] QSslConfiguration sslConfiguration() const { return tlsSettings(); }

    /// GET /api/v1/info: service, version, server_time, methods, password_policy, otp.
    [[nodiscard]] ApiCall* info() override;
    /// POST /api/v1/auth/otp → flow, channel (masked address), expires_in, resend_in.
    [[nodiscard]] ApiCall* startOtp(const QString& identifier, const QString& password);
    /// POST /api/v1/auth/otp/resend → channel, expires_in, resend_in (the old code dies).
    [[nodiscard]] ApiCall* resendOtp(const QString& flow);
    /// POST /api/v1/auth/otp/verify → launch_url, expires_in, display_name.
    [[nodiscard]] ApiCall* verifyOtp(const QString& flow, const QString& code);
    /// POST /api/v1/auth/cps/challenge → flow, nonce, expires_in.
    [[nodiscard]] ApiCall* cpsChallenge(const QString& identifier, const QString& password);
    /// POST /api/v1/auth/cps/verify with the certificate (DER) and the signature, both sent
    /// as standard base64; `algorithm` is "RS256", "ES256" or "PS256" → launch_url, …
    [[nodiscard]] ApiCall* cpsVerify(const QString& flow, const QByteArray& certificateDer,
                                     const QByteArray& signature, const QString& algorithm);
    /// POST /api/v1/password/forgot → 202 whether or not the account exists.
    [[nodiscard]] ApiCall* forgotPassword(const QString& identifier) override;

private:
    enum class Verb
    {
        Get,
        Post,
    };

    ApiCall* send(Verb verb, std::string_view path, const QJsonObject& body = {});
    void loadExtraCa(const QString& path);
    /// Why no request may go to the base URL (empty when requests may go).
    [[nodiscard]] QString urlProblem() const;

    QUrl m_baseUrl;
    std::chrono::milliseconds m_timeout;
    QList<QSslCertificate> m_extraCa;
    QString m_caProblem;
    // Made at first use: Qt's default TLS configuration loads the TLS backend and OpenSSL,
    // which took a tenth of the client's start before its window showed
    // (docs/BENCHMARKS.md, client (a)).
    [[nodiscard]] const QSslConfiguration& tlsSettings() const;
    mutable std::optional<QSslConfiguration> m_sslConfiguration;
    QNetworkAccessManager* m_network = nullptr;
};

} // namespace dcc::client
