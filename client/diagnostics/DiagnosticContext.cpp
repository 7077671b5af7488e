#include "client/diagnostics/DiagnosticContext.h"

#include "client/settings/ClientSettings.h"

#include <QMetaEnum>

namespace dcc::diagnostics {

namespace {

QString sourceCode(dcc::client::ClientSettings::Source source)
{
    using Source = dcc::client::ClientSettings::Source;
    switch (source) {
    case Source::Default:
        return QStringLiteral("default");
    case Source::User:
        return QStringLiteral("user");
    case Source::CommandLine:
        return QStringLiteral("command_line");
    case Source::Policy:
        return QStringLiteral("policy");
    }
    return QStringLiteral("default");
}

} // namespace

DiagnosticContext DiagnosticContext::fromSettings(const dcc::client::ClientSettings& settings,
                                                  const QString& applicationVersion)
{
    using Key = dcc::client::ClientSettings::Key;
    DiagnosticContext context;
    context.applicationVersion = applicationVersion;
    for (const Key key : dcc::client::ClientSettings::kKeys) {
        const auto value = settings.value(key);
        // The policy name is the stable spelling administrators know (ServerUrl, …).
        context.settings.insert(dcc::client::ClientSettings::policyName(key),
                                QJsonObject{{QStringLiteral("value"), value.toString()},
                                            {QStringLiteral("source"), sourceCode(value.source)}});
    }
    context.settingsProblems = settings.problems();
    context.serverUrl = QUrl(settings.string(Key::ServerUrl));
    context.serverCaFile = settings.string(Key::ServerCa);
    context.modules.configuredPath = settings.string(Key::Pkcs11Module);
    return context;
}

} // namespace dcc::diagnostics
