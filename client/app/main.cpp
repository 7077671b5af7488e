#include "client/app/BackendLoader.h"
#include "client/app/FontWarmUp.h"
#include "client/app/Translations.h"
#include "client/backend/LoginBackend.h"
#include "client/diagnostics/DiagnosticContext.h"
#include "client/diagnostics/DiagnosticsRunner.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#ifndef DCC_LOGIN_VERSION
#define DCC_LOGIN_VERSION "0.0.0"
#endif

// Thin on purpose: what it assembles is tested in the libraries.
namespace {

using dcc::client::ClientSettings;

// Decided before any application object exists: `--diagnose` must work without a display
// (over SSH, in a script), where QApplication would abort.
bool diagnoseRequested(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--diagnose") == 0 || std::strcmp(argv[i], "-diagnose") == 0)
            return true;
    }
    return false;
}

// `dcc-login --diagnose [--json] [--output=FILE]`: the window's checks, printed; exit
// status 0 when nothing is in error, 1 otherwise (also when the checks cannot be loaded).
int runDiagnose(const ClientSettings& settings, bool json, const QString& output)
{
    dcc::client::BackendLoader loader;
    const std::unique_ptr<dcc::client::LoginBackend> backend = loader.load(settings);
    if (!backend) {
        QTextStream(stderr) << QCoreApplication::translate(
                                   "main", "Installation incomplète : les contrôles ne peuvent "
                                           "pas être chargés (%1). Réinstallez DCC Login.")
                                   .arg(loader.error())
                            << '\n';
        return 1;
    }
    dcc::diagnostics::DiagnosticsRunner runner(
        dcc::diagnostics::DiagnosticContext::fromSettings(settings,
                                                          QCoreApplication::applicationVersion()),
        backend->diagnosticChecks());
    int status = 1;
    QObject::connect(
        &runner, &dcc::diagnostics::DiagnosticsRunner::finished, &runner,
        [&](const dcc::diagnostics::DiagnosticsReport& report) {
            const QByteArray bytes = json ? report.toJsonBytes() : report.toText().toUtf8();
            bool written = false;
            if (output.isEmpty()) {
                written = std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()),
                                      stdout) == static_cast<std::size_t>(bytes.size());
                std::fflush(stdout);
            } else {
                QFile file(output);
                written = file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                          file.write(bytes) == bytes.size();
            }
            if (!written) {
                QTextStream(stderr)
                    << QCoreApplication::translate("main", "Impossible d'écrire le rapport "
                                                           "dans %1.")
                           .arg(output.isEmpty() ? QStringLiteral("stdout") : output)
                    << '\n';
            }
            status = written && !report.hasErrors() ? 0 : 1;
            QCoreApplication::exit(status);
        });
    runner.start();
    QCoreApplication::exec();
    return status;
}

int runLogin(ClientSettings& settings, dcc::client::FontWarmUp& fonts)
{
    // Declared before the window, so that the backend outlives it and the module outlives both.
    dcc::client::BackendLoader loader;
    std::unique_ptr<dcc::client::LoginBackend> backend;
    fonts.wait(); // the window's first text layout reads the font configuration
    dcc::client::LoginWindow window(settings);
    QObject::connect(&window, &dcc::client::LoginWindow::languageRequested,
                     [](const QString& chosen) { dcc::client::Translations::apply(chosen); });
    window.show();
    // Once the window is shown, on the first turns of the event loop. The backend module
    // brings Qt Network, OpenSSL and PC/SC, which the user should not wait for to see the
    // window; the window waits for it with its buttons off. Then the icon: the window
    // manager renders the SVG at each of its icon sizes, and takes the icon when it changes.
    QTimer::singleShot(0, &window, [&] {
        backend = loader.load(settings);
        if (backend)
            window.setBackend(*backend);
        else
            window.showBackendMissing(loader.error());
    });
    QTimer::singleShot(0, &window, [] {
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dcc-login.svg")));
    });
    return QApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    const bool diagnose = diagnoseRequested(argc, argv);
    // Started first, so that it runs while QApplication starts; `--diagnose` shows no text.
    std::optional<dcc::client::FontWarmUp> fonts;
    if (!diagnose)
        fonts.emplace();
    const std::unique_ptr<QCoreApplication> app =
        diagnose ? std::make_unique<QCoreApplication>(argc, argv)
                 : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dcc-login"));
    QCoreApplication::setOrganizationName(QStringLiteral("DCC Login"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DCC_LOGIN_VERSION));
    if (!diagnose) {
        QApplication::setApplicationDisplayName(QStringLiteral("DCC Login"));
    }

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
    const QCommandLineOption diagnoseOption(
        QStringList{"diagnose"},
        QStringLiteral("Diagnostic sans fenêtre ; code de sortie 1 si un contrôle est en "
                       "erreur."));
    const QCommandLineOption json(QStringList{"json"},
                                  QStringLiteral("Avec --diagnose : rapport en JSON."));
    const QCommandLineOption output(QStringList{"output"},
                                    QStringLiteral("Avec --diagnose : fichier du rapport."),
                                    QStringLiteral("fichier"));
    parser.addOption(server);
    parser.addOption(language);
    parser.addOption(diagnoseOption);
    parser.addOption(json);
    parser.addOption(output);
    parser.process(*app);
    if (parser.isSet(server))
        settings.setCommandLineOverride(ClientSettings::Key::ServerUrl, parser.value(server));
    if (parser.isSet(language))
        settings.setCommandLineOverride(ClientSettings::Key::Language, parser.value(language));

    dcc::client::Translations::apply(settings.string(ClientSettings::Key::Language));
    if (diagnose)
        return runDiagnose(settings, parser.isSet(json), parser.value(output));
    return runLogin(settings, *fonts);
}
