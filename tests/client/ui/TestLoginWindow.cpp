#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/AssistanceDialog.h"
#include "client/ui/ForgotPasswordDialog.h"
#include "client/ui/LoginWindow.h"
#include "client/ui/SettingsDialog.h"
#include "tests/client/ui/RecordingBrowser.h"
#include "tests/server/InProcessServer.h"

#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace dcc::client;
using dcc::test::InProcessServer;
using dcc::test::RecordingBrowser;

namespace {

constexpr auto kPassword = "Soleil-2024";

} // namespace

/// The login window driven as a user drives it (offscreen), against the real server code
/// behind a loopback listener, with a clock the test moves on both sides.
class TestLoginWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<ServerApi> m_api;
    RecordingBrowser m_browser;
    std::unique_ptr<OtpLoginController> m_otp;
    std::unique_ptr<LoginWindow> m_window;
    QDateTime m_uiNow;

    template <typename T>
    T* find(const char* name) const
    {
        T* widget = m_window->findChild<T*>(name);
        if (widget == nullptr)
            QTest::qFail(qPrintable(QString("no widget %1").arg(name)), __FILE__, __LINE__);
        return widget;
    }
    QString currentPage() const
    {
        return find<QStackedWidget>("pages")->currentWidget()->objectName();
    }

    void advance(int seconds)
    {
        m_server->clock().advance(seconds);
        m_uiNow = m_uiNow.addSecs(seconds); // the countdowns follow at their next tick
    }

    void typeCredentials()
    {
        QTest::keyClicks(find<QLineEdit>("identifierEdit"), "j.dupont");
        QTest::keyClicks(find<QLineEdit>("passwordEdit"), kPassword);
        QTest::mouseClick(find<QPushButton>("otpButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QString("otpPage"), 10000);
    }

    void typeCode(const QString& code)
    {
        QLineEdit* edit = find<QLineEdit>("codeEdit");
        edit->clear();
        QTest::keyClicks(edit, code);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    void screenshot(const QString& name)
    {
        QDir().mkpath(QStringLiteral(DCC_SCREENSHOT_DIR));
        QVERIFY(m_window->grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/%1.png").arg(name)));
    }

private Q_SLOTS:
    void init()
    {
        Translations::apply("fr");
        m_server = std::make_unique<InProcessServer>();
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
        m_settings = std::make_unique<ClientSettings>(m_settingsDir.filePath("policy.ini"),
                                                      m_settingsDir.filePath("user.ini"));
        m_api = std::make_unique<ServerApi>(QUrl(m_server->baseUrl()));
        m_browser.urls.clear();
        m_otp = std::make_unique<OtpLoginController>(*m_api, m_browser);
        m_window = std::make_unique<LoginWindow>(*m_api, *m_otp, *m_settings);
        m_uiNow = QDateTime::currentDateTimeUtc();
        m_window->setClock([this] { return m_uiNow; });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("serverStatusLabel")->text().contains("disponible"),
                                 10000);
    }
    void cleanup()
    {
        m_window.reset();
        m_otp.reset();
        m_api.reset();
        m_server.reset();
    }

    // First of the suite, so that nothing else of this process has loaded a plugin yet: the
    // window is built and shown without Qt's SVG icon engine or an image format plugin
    // (they cost the start, docs/BENCHMARKS.md "Third round"), and its button icons still
    // have a pixmap for HiDPI screens.
    void buttonIconsComeAt1xAnd2xWithoutImagePlugins()
    {
        for (const char* name : {"otpButton", "cpsButton"}) {
            const QIcon icon = find<QPushButton>(name)->icon();
            QVERIFY2(!icon.isNull(), name);
            const QList<QSize> sizes = icon.availableSizes();
            QVERIFY2(sizes.contains(QSize(16, 16)) && sizes.contains(QSize(32, 32)), name);
        }
#ifdef Q_OS_LINUX
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY2(!mapped.contains("/iconengines/"), "an icon engine plugin was loaded");
        QVERIFY2(!mapped.contains("/imageformats/"), "an image format plugin was loaded");
#endif
    }

    void otpLoginOpensTheBrowser()
    {
        typeCredentials();
        QCOMPARE(find<QLabel>("channelLabel")->text(),
                 QString::fromUtf8("Votre canal de réception : j***.d***@hopital.fr"));
        QVERIFY(find<QLabel>("validityLabel")->text().contains("10:00"));
        QVERIFY(!find<QPushButton>("resendButton")->isEnabled());
        QVERIFY(find<QPushButton>("resendButton")->text().contains("30 s"));
        screenshot("02-code-otp");
        typeCode(m_server->newCode());
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, 10000);
        QVERIFY(
            m_browser.urls.front().toString().startsWith(m_server->baseUrl() + "/launch?ticket="));
        QCOMPARE(currentPage(), QString("donePage"));
        QVERIFY(find<QLabel>("doneLabel")->text().contains("Jean DUPONT"));
        screenshot("03-connecte");
    }

    void wrongCodeSaysHowManyTriesAreLeft()
    {
        typeCredentials();
        const QString code = m_server->newCode();
        typeCode(code == "000000" ? "111111" : "000000");
        QTRY_VERIFY_WITH_TIMEOUT(!find<QLabel>("codeErrorLabel")->text().isEmpty(), 10000);
        QVERIFY2(find<QLabel>("codeErrorLabel")->text().contains("Essais restants : 4"),
                 qPrintable(find<QLabel>("codeErrorLabel")->text()));
        QVERIFY(find<QLabel>("adviceLabel")->text().contains("courriers indésirables"));
        screenshot("04-code-incorrect");
        typeCode("12 34"); // not 6 digits: refused here, no attempt spent
        QCOMPARE(find<QLabel>("codeErrorLabel")->text(), QString("Le code comporte 6 chiffres."));
        typeCode(code);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, 10000);
    }

    void resendWaitsThenKillsTheOldCode()
    {
        typeCredentials();
        const QString first = m_server->newCode();
        advance(30);
        QTRY_VERIFY(find<QPushButton>("resendButton")->isEnabled());
        QCOMPARE(find<QPushButton>("resendButton")->text(), QString("Recevoir un nouveau code"));
        QTest::mouseClick(find<QPushButton>("resendButton"), Qt::LeftButton);
        // The new code's cooldown starts when the server answered.
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("resendButton")->text().contains("(30 s)"),
                                 10000);
        const QString second = m_server->newCode();
        if (second != first) {
            typeCode(first);
            QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("codeErrorLabel")->text().contains("incorrect"),
                                     10000);
        }
        typeCode(second);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, 10000);
    }

    void expiredCodeOffersANewOne()
    {
        typeCredentials();
        const QString code = m_server->newCode();
        advance(600);
        QTRY_VERIFY(find<QLabel>("validityLabel")->text().contains("expiré"));
        QVERIFY(find<QPushButton>("resendButton")->isEnabled());
        typeCode(code);
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("codeErrorLabel")->text().contains("Recevoir un nouveau code"), 10000);
    }

    void wrongPasswordStaysOnTheFirstPage()
    {
        QTest::keyClicks(find<QLineEdit>("identifierEdit"), "j.dupont");
        QTest::keyClicks(find<QLineEdit>("passwordEdit"), "Wrong-pass1");
        QTest::keyClick(find<QLineEdit>("passwordEdit"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>("errorLabel")->text(),
                                  QString("Identifiant ou mot de passe incorrect."), 10000);
        QCOMPARE(currentPage(), QString("credentialsPage"));
        QVERIFY(find<QLineEdit>("passwordEdit")->text().isEmpty());
    }

    void forgotPasswordSendsTheMail()
    {
        ForgotPasswordDialog dialog(*m_api, "j.dupont", m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QLabel*>("forgotHintLabel")->text().contains("j.dupont"));
        QTest::mouseClick(dialog.findChild<QPushButton*>("forgotValidateButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.findChild<QLabel*>("forgotMessageLabel")->text().contains("jusqu'à 1 minute"),
            10000);
        QCOMPARE(m_server->newMails().size(), 1);
        QVERIFY(
            dialog.grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/05-mot-de-passe-oublie.png")));
    }

    void settingsFixedByTheAdministratorAreReadOnly()
    {
        QFile policy(m_settingsDir.filePath("locked-policy.ini"));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write("[Policies]\nServerUrl=https://dcc-login.hopital.fr\n");
        policy.close();
        ClientSettings locked(policy.fileName(), m_settingsDir.filePath("locked-user.ini"));
        SettingsDialog dialog(locked);
        QVERIFY(!dialog.findChild<QLineEdit*>("serverUrlEdit")->isEnabled());
        QCOMPARE(dialog.findChild<QLineEdit*>("serverUrlEdit")->text(),
                 QString("https://dcc-login.hopital.fr"));
        QVERIFY(dialog.findChild<QLineEdit*>("pkcs11ModuleEdit")->isEnabled());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/06-parametres.png")));
    }

    void assistanceShowsTheGuideAndTheContact()
    {
        QFile policy(m_settingsDir.filePath("contact-policy.ini"));
        QVERIFY(policy.open(QIODevice::WriteOnly));
        policy.write("[Policies]\nSupportContact=Cellule RCP 3C, 03 20 00 00 00\n");
        policy.close();
        ClientSettings withContact(policy.fileName(), m_settingsDir.filePath("contact-user.ini"));
        AssistanceDialog dialog(withContact);
        QVERIFY(dialog.findChild<QLabel*>("assistanceText")->text().contains("référent RCP"));
        QCOMPARE(dialog.findChild<QLabel*>("supportContactLabel")->text(),
                 QString("Votre contact : Cellule RCP 3C, 03 20 00 00 00"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/08-assistance.png")));
    }

    void languageSwitchesAtRunTime()
    {
        Translations::apply("en");
        QTRY_COMPARE(find<QPushButton>("otpButton")->text(), QString("Log in"));
        QCOMPARE(find<QPushButton>("forgotButton")->text(), QString("Forgot your password?"));
        Translations::apply("fr");
        QTRY_COMPARE(find<QPushButton>("otpButton")->text(), QString("Se connecter"));
    }

    void hiddenPagesAreBuiltOnFirstUse()
    {
        // Only the credentials page at start: the others cost the window's first show.
        QCOMPARE(find<QStackedWidget>("pages")->count(), 1);
        QVERIFY(m_window->findChild<QWidget*>("otpPage") == nullptr);
        QVERIFY(m_window->findChild<QWidget*>("donePage") == nullptr);
        QVERIFY(m_window->findChild<QWidget*>("cardPage") == nullptr);
        typeCredentials();
        QCOMPARE(find<QStackedWidget>("pages")->count(), 2);
        QVERIFY(m_window->findChild<QWidget*>("cardPage") == nullptr);
        // Built once: back and forth keeps the same page and what it holds.
        QWidget* codePage = find<QWidget>("otpPage");
        QTest::mouseClick(find<QPushButton>("backButton"), Qt::LeftButton);
        QCOMPARE(currentPage(), QString("credentialsPage"));
        find<QLineEdit>("identifierEdit")->clear();
        typeCredentials();
        QCOMPARE(find<QWidget>("otpPage"), codePage);
        QCOMPARE(find<QStackedWidget>("pages")->count(), 2);
    }

    void pageBuiltLaterIsInTheCurrentLanguageAndFollowsIt()
    {
        Translations::apply("en");
        QTRY_COMPARE(find<QPushButton>("otpButton")->text(), QString("Log in"));
        typeCredentials();
        QCOMPARE(find<QPushButton>("verifyButton")->text(), QString("Authenticate"));
        QCOMPARE(find<QLineEdit>("codeEdit")->accessibleName(), QString("OTP code"));
        QVERIFY2(find<QPushButton>("resendButton")->text().startsWith("Get a new code"),
                 qPrintable(find<QPushButton>("resendButton")->text()));
        Translations::apply("fr");
        QTRY_COMPARE(find<QPushButton>("verifyButton")->text(), QString("S'authentifier"));
        QVERIFY(find<QPushButton>("resendButton")->text().startsWith("Recevoir un nouveau code"));
    }
};

QTEST_MAIN(TestLoginWindow)
#include "TestLoginWindow.moc"
