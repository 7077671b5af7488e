#include "client/api/ServerApi.h"

#include "common/Protocol.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSysInfo>

#include <algorithm>
#include <limits>

#ifndef DCC_CLIENT_VERSION
#error "DCC_CLIENT_VERSION must be defined (client/api/CMakeLists.txt)"
#endif

namespace dcc::client {

namespace wire = dcc::protocol;

namespace {

Q_LOGGING_CATEGORY(lcServerApi, "dcc.client.api")

/// A CA file is a few certificates; anything much larger is not one.
constexpr qint64 kMaxCaFileBytes = 4 * 1024 * 1024;

QString text(std::string_view view)
{
    return QString::fromLatin1(view.data(), static_cast<qsizetype>(view.size()));
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

/// Printable ASCII without parentheses or backslashes: the OS name goes inside an HTTP
/// comment, where those would need quoting.
QString headerSafe(const QString& in)
{
    QString out;
    out.reserve(in.size());
    for (const QChar c : in) {
        if (c == u'(')
            out += u'[';
        else if (c == u')')
            out += u']';
        else if (c.unicode() < 0x20 || c.unicode() > 0x7e || c == u'\\')
            out += u'?';
        else
            out += c;
    }
    return out;
}

} // namespace

ServerApi::ServerApi(const QUrl& baseUrl, const Options& options, QObject* parent)
    : QObject(parent)
    , m_baseUrl(baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                                 QUrl::RemoveFragment))
    , m_timeout(options.timeout)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    if (!options.extraCaFile.isEmpty())
        loadExtraCa(options.extraCaFile);
    if (const QString problem = urlProblem(); !problem.isEmpty())
        qCWarning(lcServerApi).noquote() << problem;
}

ServerApi::ServerApi(const QUrl& baseUrl, QObject* parent)
    : ServerApi(baseUrl, Options{}, parent)
{}

ServerApi::~ServerApi()
{
    // The calls go before the QNetworkAccessManager, whose replies they still follow.
    const QList<ApiCall*> calls = findChildren<ApiCall*>(Qt::FindDirectChildrenOnly);
    qDeleteAll(calls);
}

void ServerApi::useSystemProxy()
{
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

QString ServerApi::userAgent()
{
    static const QString agent =
        QStringLiteral("DCC-Login/%1 (Qt %2; %3)")
            .arg(QStringLiteral(DCC_CLIENT_VERSION), QString::fromLatin1(qVersion()),
                 headerSafe(QSysInfo::prettyProductName()));
    return agent;
}

QString ServerApi::originOf(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(u':'))
        host = QStringLiteral("[%1]").arg(host);
    QString origin = scheme + QStringLiteral("://") + host;
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    if (url.port() != -1 && url.port() != defaultPort)
        origin += u':' + QString::number(url.port());
    return origin;
}

void ServerApi::loadExtraCa(const QString& path)
{
    const QFileInfo info(path);
    QFile file(path);
    if (!info.exists()) {
        m_caProblem = QStringLiteral("the CA file \"%1\" does not exist").arg(path);
    } else if (!info.isFile() || info.size() > kMaxCaFileBytes) {
        m_caProblem = QStringLiteral("\"%1\" is not a CA certificate file").arg(path);
    } else if (!file.open(QIODevice::ReadOnly)) {
        m_caProblem =
            QStringLiteral("the CA file \"%1\" cannot be read: %2").arg(path, file.errorString());
    } else {
        const QByteArray data = file.readAll();
        m_extraCa = QSslCertificate::fromData(data, QSsl::Pem);
        if (m_extraCa.isEmpty())
            m_extraCa = QSslCertificate::fromData(data, QSsl::Der);
        if (m_extraCa.isEmpty())
            m_caProblem =
                QStringLiteral("the CA file \"%1\" holds no PEM or DER certificate").arg(path);
    }
    if (!m_caProblem.isEmpty()) {
        qCWarning(lcServerApi).noquote() << m_caProblem;
        return;
    }

    // On top of the system store, never instead of it. The default configuration may leave
    // the system store to be loaded on demand (Qt does so where OpenSSL can look certificates
    // up in a hashed folder), and setting any CA list turns that loading off: so the system
    // certificates are read here explicitly and the extra ones added to them.
    QList<QSslCertificate> authorities = QSslConfiguration::systemCaCertificates();
    const QList<QSslCertificate> extra = tlsSettings().caCertificates() + m_extraCa;
    for (const QSslCertificate& certificate : extra) {
        if (!authorities.contains(certificate))
            authorities << certificate;
    }
    m_sslConfiguration->setCaCertificates(authorities);
}

const QSslConfiguration& ServerApi::tlsSettings() const
{
    if (!m_sslConfiguration)
        m_sslConfiguration = QSslConfiguration::defaultConfiguration();
    return *m_sslConfiguration;
}

QString ServerApi::urlProblem() const
{
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty())
        return QStringLiteral("the server URL \"%1\" is not a valid URL")
            .arg(m_baseUrl.toDisplayString());
    const QString scheme = m_baseUrl.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(m_baseUrl.host()))
            return {};
        return QStringLiteral("the server URL \"%1\" is plain http: only https is allowed, "
                              "except to a loopback address")
            .arg(m_baseUrl.toDisplayString());
    }
    return QStringLiteral("the server URL \"%1\" is not an https URL")
        .arg(m_baseUrl.toDisplayString());
}

ApiCall* ServerApi::send(Verb verb, std::string_view path, const QJsonObject& body)
{
    QUrl url = m_baseUrl;
    url.setPath(text(path));
    const QString operation =
        (verb == Verb::Get ? QStringLiteral("GET ") : QStringLiteral("POST ")) + url.toString();

    if (const QString problem = urlProblem(); !problem.isEmpty()) {
        // A plain-http URL to another machine is refused before anything is sent: for the
        // UI it is a missing secure connection (Tls); anything else is not a usable address.
        const bool plainHttp =
            m_baseUrl.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
            !m_baseUrl.host().isEmpty();
        const QString description = operation + QStringLiteral(": ") + problem;
        return new ApiCall(
            plainHttp ? ApiError::tls({}, description)
                      : ApiError::network(QNetworkReply::ProtocolUnknownError, description),
            operation, this);
    }

    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(
        m_timeout.count(), 0, std::numeric_limits<int>::max())));
    request.setSslConfiguration(tlsSettings());
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    // The API is stateless: the session cookie belongs to the browser, never to this client.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    QNetworkReply* reply = nullptr;
    if (verb == Verb::Get) {
        reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    return new ApiCall(reply, operation, this);
}

ApiCall* ServerApi::info()
{
    return send(Verb::Get, wire::path::kInfo);
}

ApiCall* ServerApi::startOtp(const QString& identifier, const QString& password)
{
    return send(
        Verb::Post, wire::path::kOtpStart,
        {{text(wire::field::kIdentifier), identifier}, {text(wire::field::kPassword), password}});
}

ApiCall* ServerApi::resendOtp(const QString& flow)
{
    return send(Verb::Post, wire::path::kOtpResend, {{text(wire::field::kFlow), flow}});
}

ApiCall* ServerApi::verifyOtp(const QString& flow, const QString& code)
{
    return send(Verb::Post, wire::path::kOtpVerify,
                {{text(wire::field::kFlow), flow}, {text(wire::field::kCode), code}});
}

ApiCall* ServerApi::cpsChallenge(const QString& identifier, const QString& password)
{
    return send(
        Verb::Post, wire::path::kCpsChallenge,
        {{text(wire::field::kIdentifier), identifier}, {text(wire::field::kPassword), password}});
}

ApiCall* ServerApi::cpsVerify(const QString& flow, const QByteArray& certificateDer,
                              const QByteArray& signature, const QString& algorithm)
{
    return send(Verb::Post, wire::path::kCpsVerify,
                {{text(wire::field::kFlow), flow},
                 {text(wire::field::kCertificate), QString::fromLatin1(certificateDer.toBase64())},
                 {text(wire::field::kSignature), QString::fromLatin1(signature.toBase64())},
                 {text(wire::field::kAlgorithm), algorithm}});
}

ApiCall* ServerApi::forgotPassword(const QString& identifier)
{
    return send(Verb::Post, wire::path::kPasswordForgot,
                {{text(wire::field::kIdentifier), identifier}});
}

} // namespace dcc::client
