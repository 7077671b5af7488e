#include "client/diagnostics/ApplicationCheck.h"

#include <QJsonArray>
#include <QLocale>
#include <QSslSocket>
#include <QSysInfo>

namespace dcc::diagnostics {

QString ApplicationCheck::title() const
{
    return tr("Application et système");
}

QList<DiagnosticFinding> ApplicationCheck::run(const DiagnosticContext& context)
{
    using Status = DiagnosticFinding::Status;
    QList<DiagnosticFinding> findings;

    DiagnosticFinding versions;
    versions.id = QStringLiteral("application.versions");
    versions.group = group();
    versions.title = tr("Versions");
    const QString openSsl =
        QSslSocket::supportsSsl() ? QSslSocket::sslLibraryVersionString() : QString();
    versions.data = QJsonObject{
        {QStringLiteral("application"), context.applicationVersion},
        {QStringLiteral("qt_runtime"), QString::fromLatin1(qVersion())},
        {QStringLiteral("qt_build"), QStringLiteral(QT_VERSION_STR)},
        {QStringLiteral("openssl"), openSsl},
        {QStringLiteral("tls_backend"), QSslSocket::activeBackend()},
    };
    if (openSsl.isEmpty()) {
        versions.status = Status::Error;
        versions.detail = tr("Aucune bibliothèque TLS n'est disponible : la connexion au "
                             "serveur en https est impossible.");
        versions.advice = tr("Réinstallez DCC Login, qui fournit OpenSSL.");
    } else {
        versions.detail =
            tr("DCC Login %1, Qt %2, %3")
                .arg(context.applicationVersion, QString::fromLatin1(qVersion()), openSsl);
    }
    findings << versions;

    DiagnosticFinding system;
    system.id = QStringLiteral("application.system");
    system.group = group();
    system.title = tr("Système");
    system.data = QJsonObject{
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("kernel"),
         QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion()},
        {QStringLiteral("cpu_architecture"), QSysInfo::currentCpuArchitecture()},
        {QStringLiteral("build_abi"), QSysInfo::buildAbi()},
        {QStringLiteral("locale"), QLocale::system().name()},
    };
    system.detail = tr("%1, %2, langue %3")
                        .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(),
                             QLocale::system().name());
    findings << system;

    DiagnosticFinding settings;
    settings.id = QStringLiteral("application.settings");
    settings.group = group();
    settings.title = tr("Réglages en vigueur");
    settings.data = QJsonObject{
        {QStringLiteral("values"), context.settings},
        {QStringLiteral("problems"), QJsonArray::fromStringList(context.settingsProblems)},
    };
    QStringList lines;
    for (auto it = context.settings.constBegin(); it != context.settings.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        lines << QStringLiteral("%1 = \"%2\" (%3)")
                     .arg(it.key(), entry.value(QStringLiteral("value")).toString(),
                          entry.value(QStringLiteral("source")).toString());
    }
    settings.detail = lines.join(QStringLiteral(" ; "));
    if (!context.settingsProblems.isEmpty()) {
        settings.status = Status::Warning;
        settings.detail +=
            QLatin1Char('\n') +
            tr("Réglages ignorés : %1").arg(context.settingsProblems.join(QStringLiteral(" ; ")));
        settings.advice = tr("Corrigez la stratégie de l'administrateur ou les réglages de "
                             "l'utilisateur : une valeur ignorée laisse la valeur par défaut.");
    }
    findings << settings;
    return findings;
}

} // namespace dcc::diagnostics
