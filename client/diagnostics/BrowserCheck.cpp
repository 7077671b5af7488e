#include "client/diagnostics/BrowserCheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>

namespace dcc::diagnostics {

namespace {

using Status = DiagnosticFinding::Status;

bool mentionsCps(const QString& text)
{
    return text.contains(QLatin1String("cps"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("cryptolib"), Qt::CaseInsensitive);
}

} // namespace

QString BrowserCheck::title() const
{
    return tr("Navigateur");
}

QStringList BrowserCheck::defaultManifestDirs()
{
#if defined(Q_OS_WIN)
    return {};
#elif defined(Q_OS_MACOS)
    return {QStringLiteral("/Library/Application Support/Mozilla/PKCS11Modules"),
            QDir::homePath() +
                QStringLiteral("/Library/Application Support/Mozilla/PKCS11Modules")};
#else
    return {QStringLiteral("/usr/lib/mozilla/pkcs11-modules"),
            QStringLiteral("/usr/lib64/mozilla/pkcs11-modules"),
            QDir::homePath() + QStringLiteral("/.mozilla/pkcs11-modules")};
#endif
}

QList<DiagnosticFinding> BrowserCheck::run(const DiagnosticContext& context)
{
    return {defaultBrowser(context), firefoxModule(context)};
}

DiagnosticFinding BrowserCheck::defaultBrowser(const DiagnosticContext& context) const
{
    DiagnosticFinding finding;
    finding.id = QStringLiteral("browser.default");
    finding.group = group();
    finding.title = tr("Navigateur par défaut");
    QStringList command;
    if (context.defaultBrowserCommand) {
        command = *context.defaultBrowserCommand;
    } else {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        const QString xdg = QStandardPaths::findExecutable(QStringLiteral("xdg-settings"));
        if (!xdg.isEmpty())
            command =
                QStringList{xdg, QStringLiteral("get"), QStringLiteral("default-web-browser")};
#endif
    }
    if (command.isEmpty()) {
        finding.status = Status::NotApplicable;
        finding.detail = tr("Ce système n'indique pas le navigateur par défaut à DCC Login.");
        return finding;
    }
    QProcess process;
    process.start(command.constFirst(), command.mid(1));
    const int waitMs = static_cast<int>(context.quickTimeout.count() / 2);
    const bool done = process.waitForFinished(waitMs);
    const QString browser = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (!done)
        process.kill();
    finding.data = QJsonObject{{QStringLiteral("command"), command.join(QLatin1Char(' '))},
                               {QStringLiteral("browser"), browser}};
    if (!done || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 ||
        browser.isEmpty()) {
        finding.status = Status::Warning;
        finding.detail = tr("Le navigateur par défaut n'a pas pu être déterminé.");
        finding.advice = tr("Choisissez un navigateur par défaut dans les paramètres du "
                            "système : DCC Login y ouvre le DCC.");
        return finding;
    }
    finding.detail = tr("Navigateur par défaut : %1").arg(browser);
    return finding;
}

DiagnosticFinding BrowserCheck::firefoxModule(const DiagnosticContext& context) const
{
    DiagnosticFinding finding;
    finding.id = QStringLiteral("browser.firefox_module");
    finding.group = group();
    finding.title = tr("Module CPS dans Firefox");
#if defined(Q_OS_WIN)
    if (!context.firefoxManifestDirs) {
        // The Cryptolib's installer registers its module for Firefox under this key.
        QSettings registry(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Mozilla\\PKCS11Modules"),
                           QSettings::NativeFormat);
        QStringList found;
        for (const QString& name : registry.childGroups()) {
            if (mentionsCps(name))
                found << name;
        }
        finding.data =
            QJsonObject{{QStringLiteral("registry_keys"), QJsonArray::fromStringList(found)}};
        if (found.isEmpty()) {
            finding.status = Status::Warning;
            finding.detail = tr("Aucun module CPS n'est déclaré pour Firefox.");
            finding.advice = tr("Réinstallez la Cryptolib CPS pour que Firefox voie la carte.");
        } else {
            finding.detail =
                tr("Module CPS déclaré pour Firefox : %1").arg(found.join(QStringLiteral(", ")));
        }
        return finding;
    }
#endif
    const QStringList dirs = context.firefoxManifestDirs.value_or(defaultManifestDirs());
    if (dirs.isEmpty()) {
        finding.status = Status::NotApplicable;
        finding.detail = tr("Ce système n'a pas de dossier de modules PKCS#11 pour Firefox.");
        return finding;
    }
    QJsonArray manifests;
    QStringList cps;
    for (const QString& dir : dirs) {
        for (const QFileInfo& file :
             QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable)) {
            QFile manifest(file.absoluteFilePath());
            if (!manifest.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject json = QJsonDocument::fromJson(manifest.read(64 * 1024)).object();
            const QString name = json.value(QStringLiteral("name")).toString();
            const QString path = json.value(QStringLiteral("path")).toString();
            const bool isCps = mentionsCps(name) || mentionsCps(path);
            manifests.append(QJsonObject{
                {QStringLiteral("file"), file.absoluteFilePath()},
                {QStringLiteral("name"), name},
                {QStringLiteral("path"), path},
                {QStringLiteral("module_present"), !path.isEmpty() && QFileInfo::exists(path)},
                {QStringLiteral("cps"), isCps}});
            if (isCps)
                cps << file.absoluteFilePath();
        }
    }
    finding.data = QJsonObject{{QStringLiteral("directories"), QJsonArray::fromStringList(dirs)},
                               {QStringLiteral("manifests"), manifests}};
    if (cps.isEmpty()) {
        finding.status = Status::Warning;
        finding.detail = tr("Aucun manifeste de module CPS pour Firefox dans %1.")
                             .arg(dirs.join(QStringLiteral(", ")));
        finding.advice = tr("Installez la Cryptolib CPS, qui déclare son module à Firefox, pour "
                            "que le DCC puisse aussi lire la carte dans le navigateur.");
        return finding;
    }
    finding.detail = tr("Module CPS déclaré pour Firefox : %1").arg(cps.join(QStringLiteral(", ")));
    return finding;
}

} // namespace dcc::diagnostics
