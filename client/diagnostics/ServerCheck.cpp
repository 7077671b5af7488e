#include "client/diagnostics/ServerCheck.h"

#include "client/api/ApiError.h"
#include "client/api/ServerApi.h"

#include <QDateTime>
#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QNetworkProxyFactory>
#include <QSslSocket>
#include <QTimer>

#include <optional>

namespace dcc::diagnostics {

namespace {

using Status = DiagnosticFinding::Status;

QString proxyType(QNetworkProxy::ProxyType type)
{
    switch (type) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        return QStringLiteral("http");
    case QNetworkProxy::Socks5Proxy:
        return QStringLiteral("socks5");
    case QNetworkProxy::FtpCachingProxy:
        return QStringLiteral("ftp");
    case QNetworkProxy::NoProxy:
    case QNetworkProxy::DefaultProxy:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

} // namespace

QString ServerCheck::title() const
{
    return tr("Serveur DCC Login");
}

QList<DiagnosticFinding> ServerCheck::run(const DiagnosticContext& context)
{
    QList<DiagnosticFinding> findings;
    // Three network steps share the check's deadline, with room left for the report.
    const int stepMs = static_cast<int>(context.serverTimeout.count() / 4);
    const QUrl url = context.serverUrl;
    const QString host = url.host();
    const bool https = url.scheme() == QLatin1String("https");
    const quint16 port = static_cast<quint16>(url.port(https ? 443 : 80));

    // Proxy first: it holds whatever the other steps find.
    DiagnosticFinding proxy = finding(QStringLiteral("server.proxy"), tr("Proxy"));
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    const QNetworkProxy chosen = proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    const bool viaProxy =
        chosen.type() != QNetworkProxy::NoProxy && chosen.type() != QNetworkProxy::DefaultProxy;
    // Host and port only: a proxy's user name and password never reach the report.
    proxy.data = QJsonObject{{QStringLiteral("in_use"), viaProxy},
                             {QStringLiteral("type"), proxyType(chosen.type())},
                             {QStringLiteral("host"), viaProxy ? chosen.hostName() : QString()},
                             {QStringLiteral("port"), viaProxy ? chosen.port() : 0}};
    proxy.detail = viaProxy ? tr("Les requêtes passent par le proxy %1:%2.")
                                  .arg(chosen.hostName())
                                  .arg(chosen.port())
                            : tr("Pas de proxy pour ce serveur.");

    DiagnosticFinding address = finding(QStringLiteral("server.resolve"), tr("Adresse du serveur"));
    address.data = QJsonObject{{QStringLiteral("url"), url.toString()},
                               {QStringLiteral("host"), host},
                               {QStringLiteral("port"), port}};
    if (!url.isValid() || host.isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        address.status = Status::Error;
        address.detail =
            tr("Aucune adresse de serveur valable n'est réglée (« %1 »).").arg(url.toString());
        address.advice = tr("Réglez l'adresse du serveur (https://…) dans les réglages ou la "
                            "stratégie.");
        findings << address;
        for (const auto& [id, title] :
             {std::pair{QStringLiteral("server.tls"), tr("Connexion TLS")},
              std::pair{QStringLiteral("server.info"), tr("Service")},
              std::pair{QStringLiteral("server.clock"), tr("Horloge")}}) {
            DiagnosticFinding skipped = finding(id, title);
            skipped.status = Status::NotApplicable;
            skipped.detail = tr("Sans adresse de serveur, rien à vérifier.");
            findings << skipped;
        }
        findings << proxy;
        return findings;
    }

    bool resolved = true;
    if (QHostAddress(host).isNull()) {
        // Through the proxy, the proxy resolves the name: a local failure is then expected.
        const QHostInfo info = QHostInfo::fromName(host);
        QJsonArray addresses;
        for (const QHostAddress& a : info.addresses())
            addresses.append(a.toString());
        address.data.insert(QStringLiteral("addresses"), addresses);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            resolved = false;
            address.status = viaProxy ? Status::Warning : Status::Error;
            address.detail = tr("Le nom %1 ne se résout pas : %2").arg(host, info.errorString());
            address.advice = tr("Vérifiez l'adresse du serveur et le DNS du poste.");
        } else {
            address.detail = tr("%1 → %2").arg(host, info.addresses().constFirst().toString());
        }
    } else {
        address.data.insert(QStringLiteral("addresses"), QJsonArray{host});
        address.detail = tr("Adresse IP %1.").arg(host);
    }
    findings << address;

    dcc::client::ServerApi::Options options;
    options.extraCaFile = context.serverCaFile;
    options.timeout = std::chrono::milliseconds(stepMs);
    dcc::client::ServerApi api(url, options);

    DiagnosticFinding tls = finding(QStringLiteral("server.tls"), tr("Connexion TLS"));
    if (!https) {
        tls.status = Status::NotApplicable;
        tls.detail = tr("Serveur en http sur cette machine (essais) : pas de TLS.");
    } else if (!resolved && !viaProxy) {
        tls.status = Status::NotApplicable;
        tls.detail = tr("Adresse non résolue.");
    } else {
        QSslSocket socket;
        socket.setSslConfiguration(api.sslConfiguration());
        socket.setProxy(chosen);
        socket.connectToHostEncrypted(host, port);
        const bool encrypted = socket.waitForEncrypted(stepMs);
        QStringList errors;
        for (const QSslError& e : socket.sslHandshakeErrors())
            errors << e.errorString();
        tls.data = QJsonObject{{QStringLiteral("handshake"), encrypted},
                               {QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
                               {QStringLiteral("extra_ca_file"), context.serverCaFile},
                               {QStringLiteral("extra_ca_problem"), api.caProblem()}};
        const QSslCertificate peer = socket.peerCertificate();
        if (!peer.isNull()) {
            tls.data.insert(QStringLiteral("subject"),
                            peer.subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(',')));
            tls.data.insert(QStringLiteral("issuer"),
                            peer.issuerInfo(QSslCertificate::CommonName).join(QLatin1Char(',')));
            tls.data.insert(QStringLiteral("not_after"),
                            peer.expiryDate().toUTC().toString(Qt::ISODate));
        }
        if (encrypted) {
            tls.data.insert(QStringLiteral("protocol"), socket.sessionProtocol() == QSsl::TlsV1_3
                                                            ? QStringLiteral("TLS 1.3")
                                                            : QStringLiteral("TLS 1.2"));
            tls.detail = tr("Connexion chiffrée établie ; certificat reconnu (%1).")
                             .arg(tls.data.value(QStringLiteral("subject")).toString());
            socket.disconnectFromHost();
        } else if (!errors.isEmpty()) {
            tls.status = Status::Error;
            tls.detail = tr("Le certificat du serveur n'est pas reconnu : %1")
                             .arg(errors.join(QStringLiteral(" ; ")));
            tls.advice = tr("Installez l'autorité de certification de l'établissement (réglage "
                            "ServerCa) ou faites corriger le certificat du serveur.");
        } else {
            tls.status = Status::Error;
            tls.detail = tr("Le serveur ne répond pas sur %1:%2 (%3).")
                             .arg(host)
                             .arg(port)
                             .arg(socket.errorString());
            tls.advice = tr("Vérifiez que le serveur fonctionne et que le pare-feu laisse "
                            "passer ce port.");
        }
        if (!api.caProblem().isEmpty() && tls.status == Status::Ok) {
            tls.status = Status::Warning;
            tls.advice =
                tr("Le fichier d'autorités ServerCa est illisible : %1").arg(api.caProblem());
        }
    }
    findings << tls;

    DiagnosticFinding service = finding(QStringLiteral("server.info"), tr("Service"));
    DiagnosticFinding clock = finding(QStringLiteral("server.clock"), tr("Horloge"));
    std::optional<QJsonObject> body;
    QString failure;
    {
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        dcc::client::ApiCall* call = api.info();
        QObject::connect(call, &dcc::client::ApiCall::succeeded, &loop,
                         [&](const QJsonObject& answer) {
                             body = answer;
                             loop.quit();
                         });
        QObject::connect(call, &dcc::client::ApiCall::failed, &loop,
                         [&](const dcc::client::ApiError& error) {
                             failure = error.description();
                             loop.quit();
                         });
        deadline.start(stepMs + 500);
        loop.exec();
        if (!body && failure.isEmpty())
            failure = tr("pas de réponse en %1 ms").arg(stepMs);
    }
    if (body) {
        QJsonArray methods = body->value(QStringLiteral("methods")).toArray();
        service.data = QJsonObject{
            {QStringLiteral("service"), body->value(QStringLiteral("service"))},
            {QStringLiteral("version"), body->value(QStringLiteral("version"))},
            {QStringLiteral("methods"), methods},
        };
        QStringList names;
        for (const QJsonValue& m : methods)
            names << m.toString();
        service.detail = tr("%1 version %2, méthodes : %3")
                             .arg(body->value(QStringLiteral("service")).toString(),
                                  body->value(QStringLiteral("version")).toString(),
                                  names.join(QStringLiteral(", ")));
        const QJsonValue serverTime = body->value(QStringLiteral("server_time"));
        if (serverTime.isDouble()) {
            const auto server = static_cast<qint64>(serverTime.toDouble());
            const qint64 local = QDateTime::currentSecsSinceEpoch();
            const qint64 skew = local - server;
            clock.data = QJsonObject{{QStringLiteral("server_time"), server},
                                     {QStringLiteral("local_time"), local},
                                     {QStringLiteral("skew_seconds"), skew}};
            if (std::abs(skew) > kMaxClockSkewSeconds) {
                clock.status = Status::Warning;
                clock.detail =
                    tr("L'horloge du poste diffère de celle du serveur de %1 s.").arg(skew);
                clock.advice = tr("Mettez le poste à l'heure (synchronisation NTP).");
            } else {
                clock.detail = tr("Écart avec le serveur : %1 s.").arg(skew);
            }
        } else {
            clock.status = Status::NotApplicable;
            clock.detail = tr("Le serveur n'indique pas son heure.");
        }
    } else {
        service.status = Status::Error;
        service.data = QJsonObject{{QStringLiteral("error"), failure}};
        service.detail = tr("/api/v1/info n'a pas répondu : %1").arg(failure);
        service.advice = tr("Vérifiez l'adresse du serveur, le réseau et le proxy.");
        clock.status = Status::NotApplicable;
        clock.detail = tr("Sans réponse du serveur, l'écart d'horloge est inconnu.");
    }
    findings << service << clock << proxy;
    return findings;
}

} // namespace dcc::diagnostics
