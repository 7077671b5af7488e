// pcscd stopped and started again under the running client (issue 13): the window says the
// smart-card service is down while the rest of it keeps working, says "insert your card"
// when the service is back, and a card login then goes through the whole real chain
// (virtual card → vpcd → pcscd → OpenSC → PIN → signature → server).
#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/card/CardService.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"
#include "tests/client/ui/RecordingBrowser.h"
#include "tests/server/InProcessServer.h"
#include "tests/support/TestPki.h"
#include "tests/support/cac/VirtualCacCard.h"
#include "tests/support/pcsc/Pcscd.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace dcc::client;
using dcc::test::InProcessServer;
using dcc::test::Pcscd;
using dcc::test::RecordingBrowser;
using dcc::test::VirtualCacCard;

namespace {

constexpr auto kPassword = "Soleil-2024";
constexpr int kDeadlineMs = 10000;
// OpenSC reads the whole card on its first look: seconds on vpcd's 400 ms polling.
constexpr int kCardDeadlineMs = 30000;
const char* const kInsertCard = "Insérez votre carte CPS dans le lecteur.";
const char* const kServiceDown = "Le service de cartes à puce ne fonctionne pas";

} // namespace

class TestPcscdRestartInWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("OPENSC_CONF", DCC_TEST_CARD_DIR "/opensc.conf"); }
    void cleanup()
    {
        if (!Pcscd::isRunning()) // the next suites expect the fixture's pcscd
            Pcscd::start();
    }

    void serviceStoppedThenStartedUnderTheWindow()
    {
        QVERIFY(Pcscd::waitUntilReadersEmpty());
        Translations::apply("fr");
        InProcessServer server([](dcc::server::ServerConfig& config) {
            config.cps.trustStore = dcc::test::TestPki::path("trust-store.pem").toStdString();
            config.cps.crlPaths = {dcc::test::TestPki::path("personnes-ca.crl.pem").toStdString()};
        });
        server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword,
                          "810001234567");
        QTemporaryDir settingsDir;
        ClientSettings settings(settingsDir.filePath("policy.ini"),
                                settingsDir.filePath("user.ini"));
        ServerApi api{QUrl(server.baseUrl())};
        dcc::card::CardService::Options options;
        options.modules.configuredPath = QStringLiteral(DCC_TEST_OPENSC_MODULE);
        options.modules.useP11Kit = false;
        options.modules.cryptolibPaths = QStringList{};
        options.serviceRetryIntervalMs = 100;
        dcc::card::CardService cards(options);
        RecordingBrowser browser;
        OtpLoginController otp(api, browser);
        CpsLoginController cps(api, cards, browser);
        LoginWindow window(api, otp, settings);
        window.setCardLogin(cps, cards);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto widget = [&window](const char* name) {
            return window.findChild<QWidget*>(name);
        };
        auto label = [&window](const char* name) {
            return window.findChild<QLabel*>(name)->text();
        };
        const QString insertCard = QString::fromUtf8(kInsertCard);
        QTRY_COMPARE_WITH_TIMEOUT(label("cardStatusLabel"), insertCard, kDeadlineMs);

        // The service goes away under the running window: said so, the rest still works.
        Pcscd::stop();
        QTRY_VERIFY_WITH_TIMEOUT(label("cardStatusLabel").contains(QString::fromUtf8(kServiceDown)),
                                 kDeadlineMs);
        QVERIFY(widget("otpButton")->isEnabled());
        QTest::keyClicks(qobject_cast<QLineEdit*>(widget("identifierEdit")), "j.dupont");
        QCOMPARE(qobject_cast<QLineEdit*>(widget("identifierEdit"))->text(), QString("j.dupont"));

        // Back: the window notices by itself and asks for the card again.
        Pcscd::start();
        QTRY_COMPARE_WITH_TIMEOUT(label("cardStatusLabel"), insertCard, kDeadlineMs);

        // And a card login goes through the restarted service.
        VirtualCacCard card;
        card.insert();
        QTRY_VERIFY_WITH_TIMEOUT(
            label("cardStatusLabel").contains(QString::fromUtf8("Carte insérée")), kCardDeadlineMs);
        QTest::keyClicks(qobject_cast<QLineEdit*>(widget("passwordEdit")), kPassword);
        QTest::mouseClick(qobject_cast<QPushButton*>(widget("cpsButton")), Qt::LeftButton);
        // The card page's widgets exist once the window first shows it.
        QTRY_COMPARE_WITH_TIMEOUT(
            window.findChild<QStackedWidget*>("pages")->currentWidget()->objectName(),
            QString("cardPage"), kCardDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(label("holderLabel").contains("JEAN DUPONT"), kCardDeadlineMs);
        QTRY_VERIFY(widget("pinEdit")->isVisible());
        QTest::keyClicks(qobject_cast<QLineEdit*>(widget("pinEdit")),
                         QString::fromLatin1(VirtualCacCard::pin()));
        QTest::keyClick(qobject_cast<QLineEdit*>(widget("pinEdit")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(browser.urls.size(), 1, kCardDeadlineMs);
        QCOMPARE(window.findChild<QStackedWidget*>("pages")->currentWidget()->objectName(),
                 QString("donePage"));
        card.remove();
    }
};

QTEST_MAIN(TestPcscdRestartInWindow)
#include "TestPcscdRestartInWindow.moc"
