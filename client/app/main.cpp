#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/card/CardService.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/controller/SystemBrowserLauncher.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#ifndef DCC_LOGIN_VERSION
#define DCC_LOGIN_VERSION "0.0.0"
#endif

// Thin on purpose: what it assembles is tested in the libraries.
int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dcc-login"));
    QApplication::setApplicationDisplayName(QStringLiteral("DCC Login"));
    QApplication::setOrganizationName(QStringLiteral("DCC Login"));
    QApplication::setApplicationVersion(QStringLiteral(DCC_LOGIN_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dcc-login.svg")));

    using dcc::client::ClientSettings;
    ClientSettings settings;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("DCC Login: connexion au DCC par code e-mail ou carte CPS."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringList{"server"},
                                    QStringLiteral("Adresse du serveur DCC Login."),
                                    QStringLiteral("url"));
    const QCommandLineOption language(QStringList{"lang"}, QStringLiteral("Langue : fr ou en."),
                                      QStringLiteral("langue"));
    parser.addOption(server);
    parser.addOption(language);
    parser.process(app);
    if (parser.isSet(server))
        settings.setCommandLineOverride(ClientSettings::Key::ServerUrl, parser.value(server));
    if (parser.isSet(language))
        settings.setCommandLineOverride(ClientSettings::Key::Language, parser.value(language));

    dcc::client::Translations::apply(settings.string(ClientSettings::Key::Language));
    dcc::client::ServerApi::useSystemProxy();
    dcc::client::ServerApi::Options options;
    options.extraCaFile = settings.string(ClientSettings::Key::ServerCa);
    dcc::client::ServerApi api(QUrl(settings.string(ClientSettings::Key::ServerUrl)), options);
    dcc::client::SystemBrowserLauncher browser;
    dcc::client::OtpLoginController otp(api, browser);
    dcc::card::CardService::Options cardOptions;
    cardOptions.modules.configuredPath = settings.string(ClientSettings::Key::Pkcs11Module);
    dcc::card::CardService cards(cardOptions);
    dcc::client::CpsLoginController cps(api, cards, browser);
    dcc::client::LoginWindow window(api, otp, settings);
    window.setCardLogin(cps, cards);
    QObject::connect(&window, &dcc::client::LoginWindow::languageRequested,
                     [](const QString& chosen) { dcc::client::Translations::apply(chosen); });
    window.show();
    return QApplication::exec();
}
