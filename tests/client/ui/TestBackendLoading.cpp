#include "client/app/BackendLoader.h"
#include "client/app/Translations.h"
#include "client/backend/CardEvents.h"
#include "client/backend/CpsLogin.h"
#include "client/backend/LoginBackend.h"
#include "client/backend/OtpLogin.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"
#include "tests/server/InProcessServer.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace dcc::client;
using dcc::test::InProcessServer;

namespace {

constexpr auto kPassword = "Soleil-2024";

} // namespace

/// The window as main() runs it: shown first, with its login buttons off, then given the
/// backend that BackendLoader opens from the real `dcc-login-backend` module (or told that
/// the module is missing). Nothing of the controllers, the API or the card layer is linked
/// into this test: all of it comes from the module.
class TestBackendLoading : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

    template <typename T>
    static T* find(const QWidget& window, const char* name)
    {
        T* widget = window.findChild<T*>(name);
        if (widget == nullptr)
            QTest::qFail(qPrintable(QString("no widget %1").arg(name)), __FILE__, __LINE__);
        return widget;
    }

    static QStringList enabledLoginButtons(const QWidget& window)
    {
        QStringList enabled;
        for (const char* name : {"otpButton", "cpsButton", "forgotButton", "diagnosticsButton"}) {
            if (find<QPushButton>(window, name)->isEnabled())
                enabled << QString::fromLatin1(name);
        }
        return enabled;
    }

private Q_SLOTS:
    void init() { Translations::apply("fr"); }

    void buttonsWaitForTheModuleThenLogIn()
    {
        InProcessServer server;
        server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        ClientSettings settings(m_settingsDir.filePath("policy.ini"),
                                m_settingsDir.filePath("user.ini"));
        settings.setCommandLineOverride(ClientSettings::Key::ServerUrl, server.baseUrl());

        LoginWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Loading: nothing to click that needs the module, and the status line says why.
        QCOMPARE(enabledLoginButtons(window), QStringList{});
        QCOMPARE(find<QLabel>(window, "serverStatusLabel")->text(),
                 QStringLiteral("Préparation de la connexion…"));
        QTest::keyClicks(find<QLineEdit>(window, "identifierEdit"), "j.dupont");
        QTest::keyClicks(find<QLineEdit>(window, "passwordEdit"), kPassword);
        QTest::keyClick(find<QLineEdit>(window, "passwordEdit"), Qt::Key_Return);
        QCOMPARE(find<QStackedWidget>(window, "pages")->currentWidget()->objectName(),
                 QStringLiteral("credentialsPage"));

        BackendLoader loader({QStringLiteral(DCC_TEST_BACKEND_MODULE)});
        const std::unique_ptr<LoginBackend> backend = loader.load(settings);
        QVERIFY2(backend, qPrintable(loader.error()));
        // One meta-object for each interface, the core library's: the module's classes
        // derive from it instead of carrying a copy (the window's connections rely on it).
        QCOMPARE(backend->otp().metaObject()->superClass(), &OtpLogin::staticMetaObject);
        QCOMPARE(backend->cps().metaObject()->superClass(), &CpsLogin::staticMetaObject);
        QCOMPARE(backend->cards().metaObject()->superClass(), &CardEvents::staticMetaObject);
        QVERIFY(!backend->diagnosticChecks().empty());

        window.setBackend(*backend);
        QCOMPARE(enabledLoginButtons(window),
                 (QStringList{"otpButton", "cpsButton", "forgotButton", "diagnosticsButton"}));
        // The module's ServerApi answers the window's server line…
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>(window, "serverStatusLabel")->text().contains("disponible"), 10000);
        // … and its code login takes the window to the code page.
        QTest::mouseClick(find<QPushButton>(window, "otpButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            find<QStackedWidget>(window, "pages")->currentWidget()->objectName(),
            QStringLiteral("otpPage"), 10000);
        QVERIFY(find<QLabel>(window, "channelLabel")->text().contains("@hopital.fr"));
    }

    void missingModuleIsAnError()
    {
        ClientSettings settings(m_settingsDir.filePath("policy.ini"),
                                m_settingsDir.filePath("user.ini"));
        LoginWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QString missing = m_settingsDir.filePath("nowhere/dcc-login-backend");
        BackendLoader loader({missing});
        QVERIFY(!loader.load(settings));
        QVERIFY2(loader.error().contains(missing), qPrintable(loader.error()));

        window.showBackendMissing(loader.error());
        auto* error = find<QLabel>(window, "errorLabel");
        QVERIFY2(error->text().startsWith("L'installation de DCC Login est incomplète"),
                 qPrintable(error->text()));
        QVERIFY(error->text().contains(missing));
        QVERIFY(error->text().contains("contactez le support"));
        QVERIFY(find<QLabel>(window, "serverStatusLabel")->text().isEmpty());
        QCOMPARE(enabledLoginButtons(window), QStringList{});

        // Translated, and kept through a language switch.
        Translations::apply("en");
        QTRY_VERIFY_WITH_TIMEOUT(error->text().startsWith("DCC Login is not fully installed"),
                                 5000);
        QVERIFY(error->text().contains(missing));
        Translations::apply("fr");
        QTRY_VERIFY_WITH_TIMEOUT(
            error->text().startsWith("L'installation de DCC Login est incomplète"), 5000);
    }

    void moduleOfAnotherVersionIsRefused()
    {
        // The real module, asked for an interface version it does not have.
        QLibrary library(QStringLiteral(DCC_TEST_BACKEND_MODULE));
        QVERIFY2(library.load(), qPrintable(library.errorString()));
        const auto create =
            reinterpret_cast<LoginBackend::EntryPoint>(library.resolve(LoginBackend::kEntryPoint));
        QVERIFY(create);
        ClientSettings settings(m_settingsDir.filePath("policy.ini"),
                                m_settingsDir.filePath("user.ini"));
        QCOMPARE(create(LoginBackend::kInterfaceVersion + 1, settings), nullptr);
    }
};

QTEST_MAIN(TestBackendLoading)
#include "TestBackendLoading.moc"
