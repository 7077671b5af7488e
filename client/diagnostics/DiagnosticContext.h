#pragma once

#include "client/card/pkcs11/ModuleLocator.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace dcc::client {
class ClientSettings;
}

namespace dcc::diagnostics {

/// What the checks need to know, copied on the GUI thread before they run on workers (the
/// settings object belongs to the GUI thread). Tests replace the machine's paths here.
struct DiagnosticContext
{
    QString applicationVersion;
    /// Each setting in force: {"server_url": {"value": …, "source": "policy"}, …}.
    QJsonObject settings;
    /// ClientSettings::problems(): ignored policy or user values.
    QStringList settingsProblems;

    QUrl serverUrl;
    QString serverCaFile;
    /// The module selection, as the login uses it.
    dcc::card::ModuleLocator::Settings modules;

    /// Firefox's PKCS#11 manifest folders; nullopt: this OS's (BrowserCheck).
    std::optional<QStringList> firefoxManifestDirs;
    /// The command that tells the default browser; nullopt: xdg-settings on Linux.
    std::optional<QStringList> defaultBrowserCommand;

    /// Each check's own deadline; the heavy ones (module loading) get more.
    std::chrono::milliseconds quickTimeout{5000};
    std::chrono::milliseconds serverTimeout{15000};
    std::chrono::milliseconds pkcs11Timeout{30000};

    /// The context for the settings in force.
    static DiagnosticContext fromSettings(const dcc::client::ClientSettings& settings,
                                          const QString& applicationVersion);
};

} // namespace dcc::diagnostics
