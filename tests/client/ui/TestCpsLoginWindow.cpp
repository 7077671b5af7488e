#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/card/CardService.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"
#include "tests/client/ui/RecordingBrowser.h"
#include "tests/server/InProcessServer.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"
#include "tests/support/softhsm/PrivateTokenCopy.h"

#include <QDir>
#include <QFile>
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

// The SoftHSM store of the CPS-like token made by the cps_token fixture.
void useTestToken()
{
    dcc::test::PrivateTokenCopy::forProcess(QStringLiteral(DCC_TEST_TOKEN_DIR)).select();
}

} // namespace

/// The card login as a user lives it (guide section 4), offscreen: identifier and password,
/// the card's holder shown, the PIN typed in the window, the browser opened. The card is the
/// SoftHSM CPS-like token through real PKCS#11; the server is the real code in-process.
class TestCpsLoginWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<ServerApi> m_api;
    RecordingBrowser m_browser;
    std::unique_ptr<dcc::card::CardService> m_cards;
    std::unique_ptr<OtpLoginController> m_otp;
    std::unique_ptr<CpsLoginController> m_cps;
    std::unique_ptr<LoginWindow> m_window;

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

private Q_SLOTS:
    void init()
    {
        useTestToken();
        Translations::apply("fr");
        m_server = std::make_unique<InProcessServer>([](dcc::server::ServerConfig& config) {
            config.cps.trustStore = dcc::test::TestPki::path("trust-store.pem").toStdString();
            config.cps.crlPaths = {dcc::test::TestPki::path("personnes-ca.crl.pem").toStdString()};
        });
        m_server->addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                             "810001234567");
        m_settings = std::make_unique<ClientSettings>(m_settingsDir.filePath("policy.ini"),
                                                      m_settingsDir.filePath("user.ini"));
        m_api = std::make_unique<ServerApi>(QUrl(m_server->baseUrl()));
        dcc::card::CardService::Options options;
        options.modules.configuredPath = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
        options.modules.useP11Kit = false;
        options.modules.cryptolibPaths = QStringList{};
        options.modules.openScPaths = QStringList{};
        options.watchReaders = false; // a token without a reader
        m_cards = std::make_unique<dcc::card::CardService>(options);
        m_browser.urls.clear();
        m_otp = std::make_unique<OtpLoginController>(*m_api, m_browser);
        m_cps = std::make_unique<CpsLoginController>(*m_api, *m_cards, m_browser);
        m_window = std::make_unique<LoginWindow>(*m_api, *m_otp, *m_settings);
        m_window->setCardLogin(*m_cps, *m_cards);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_cps.reset();
        m_otp.reset();
        m_cards.reset();
        m_api.reset();
        m_server.reset();
    }

    void cardLoginWithPinOpensTheBrowser()
    {
        QTest::keyClicks(find<QLineEdit>("identifierEdit"), "j.dupont");
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("serverStatusLabel")->text().contains("disponible"),
                                 10000);
        QDir().mkpath(QStringLiteral(DCC_SCREENSHOT_DIR));
        QVERIFY(m_window->grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/01-connexion.png")));
        QTest::keyClicks(find<QLineEdit>("passwordEdit"), kPassword);
        QTest::mouseClick(find<QPushButton>("cpsButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), QString("cardPage"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("holderLabel")->text().contains("JEAN DUPONT"),
                                 15000);
        QVERIFY(find<QLabel>("holderLabel")->text().contains(QString::fromUtf8("Médecin")));
        QVERIFY(find<QLineEdit>("pinEdit")->isVisible());
        QCOMPARE(find<QLineEdit>("pinEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(!find<QPushButton>("pinOkButton")->isEnabled());
        QTest::keyClicks(find<QLineEdit>("pinEdit"), "123");
        QVERIFY(!find<QPushButton>("pinOkButton")->isEnabled()); // OK only when complete
        QDir().mkpath(QStringLiteral(DCC_SCREENSHOT_DIR));
        QVERIFY(m_window->grab().save(QStringLiteral(DCC_SCREENSHOT_DIR "/07-carte-cps-pin.png")));

        // A wrong PIN: said so, and asked again.
        find<QLineEdit>("pinEdit")->clear();
        QTest::keyClicks(find<QLineEdit>("pinEdit"), "0000");
        QTest::keyClick(find<QLineEdit>("pinEdit"), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("cardErrorLabel")->text().contains("Code PIN incorrect"), 15000);
        QVERIFY(find<QLineEdit>("pinEdit")->isVisible());
        QVERIFY(find<QLineEdit>("pinEdit")->text().isEmpty());

        QTest::keyClicks(find<QLineEdit>("pinEdit"), "1234");
        QTest::keyClick(find<QLineEdit>("pinEdit"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_browser.urls.size(), 1, 15000);
        QVERIFY(
            m_browser.urls.front().toString().startsWith(m_server->baseUrl() + "/launch?ticket="));
        QCOMPARE(currentPage(), QString("donePage"));
    }

    void wrongPasswordNeverReachesTheCard()
    {
        QTest::keyClicks(find<QLineEdit>("identifierEdit"), "j.dupont");
        QTest::keyClicks(find<QLineEdit>("passwordEdit"), "Wrong-pass1");
        QTest::mouseClick(find<QPushButton>("cpsButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>("errorLabel")->text(),
                                  QString("Identifiant ou mot de passe incorrect."), 10000);
        QCOMPARE(currentPage(), QString("credentialsPage"));
    }
};

QTEST_MAIN(TestCpsLoginWindow)
#include "TestCpsLoginWindow.moc"
