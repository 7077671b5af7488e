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
// OpenSC reads the whole card on its first look: seconds on vpcd's 400 ms polling.
constexpr int kCardDeadlineMs = 30000;

} // namespace

/// The guide's section 4 with a real card chain: a virtual card in a virtual PC/SC reader,
/// read through OpenSC's PKCS#11 module, pulled out in the middle of the signature; the
/// window says so, and the login goes on by itself when the card comes back.
class TestCardRemovedInWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("OPENSC_CONF", DCC_TEST_CARD_DIR "/opensc.conf"); }

    void cardPulledOutDuringTheSignatureThenBack()
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
        auto find = [&window](const char* name) {
            return window.findChild<QWidget*>(name);
        };
        auto label = [&window](const char* name) {
            return window.findChild<QLabel*>(name)->text();
        };
        auto page = [&window] {
            return window.findChild<QStackedWidget*>("pages")->currentWidget()->objectName();
        };

        // The card goes away when the reader asks it to sign.
        VirtualCacCard card;
        card.insertUntilInstruction(VirtualCacCard::kSignInstruction);
        QTRY_VERIFY_WITH_TIMEOUT(label("cardStatusLabel").contains("Carte insérée"),
                                 kCardDeadlineMs);

        QTest::keyClicks(qobject_cast<QLineEdit*>(find("identifierEdit")), "j.dupont");
        QTest::keyClicks(qobject_cast<QLineEdit*>(find("passwordEdit")), kPassword);
        QTest::mouseClick(qobject_cast<QPushButton*>(find("cpsButton")), Qt::LeftButton);
        // The card page's widgets exist once the window first shows it.
        QTRY_COMPARE_WITH_TIMEOUT(page(), QString("cardPage"), kCardDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(label("holderLabel").contains("JEAN DUPONT"), kCardDeadlineMs);
        QTest::keyClicks(qobject_cast<QLineEdit*>(find("pinEdit")),
                         QString::fromLatin1(VirtualCacCard::pin()));
        QTest::keyClick(qobject_cast<QLineEdit*>(find("pinEdit")), Qt::Key_Return);

        QTRY_VERIFY_WITH_TIMEOUT(label("cardPromptLabel").contains("retirée") ||
                                     label("cardPromptLabel").contains("Insérez"),
                                 kCardDeadlineMs);
        QCOMPARE(page(), QString("cardPage"));
        QVERIFY(card.waitUntilGone(kCardDeadlineMs));
        QTRY_COMPARE_WITH_TIMEOUT(label("cardStatusLabel"),
                                  QString::fromUtf8("Insérez votre carte CPS dans le lecteur."),
                                  kCardDeadlineMs);
        QVERIFY(browser.urls.isEmpty());

        // Back in the reader: the login goes on by itself, to the PIN.
        card.insert();
        QTRY_VERIFY_WITH_TIMEOUT(label("holderLabel").contains("JEAN DUPONT"), kCardDeadlineMs);
        QTRY_VERIFY(find("pinEdit")->isVisible());
        QTest::keyClicks(qobject_cast<QLineEdit*>(find("pinEdit")),
                         QString::fromLatin1(VirtualCacCard::pin()));
        QTest::keyClick(qobject_cast<QLineEdit*>(find("pinEdit")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(browser.urls.size(), 1, kCardDeadlineMs);
        QCOMPARE(page(), QString("donePage"));
        card.remove();
    }
};

QTEST_MAIN(TestCardRemovedInWindow)
#include "TestCardRemovedInWindow.moc"
