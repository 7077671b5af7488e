#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"
#include "tests/client/ui/RecordingBrowser.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/smtp/SmtpMailbox.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace dcc::client;
using dcc::test::RecordingBrowser;
using dcc::test::ServerProcess;
using dcc::test::SmtpMailbox;

/// The whole OTP login as the product runs it: the client window, the real server process
/// over HTTPS, the code delivered by a real SMTP server and read from its mailbox.
class TestLoginAgainstServerProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void otpLoginOverHttpsWithRealMail()
    {
        SmtpMailbox mailbox;
        ServerProcess server;
        server.setTls(true);
        server.set("mail.transport", "smtp");
        server.set("mail.smtp.host", mailbox.host());
        server.set("mail.smtp.port", QString::number(mailbox.port()));
        server.set("mail.smtp.tls", "none");
        const auto added = server.runCli(
            {"user", "add", "c.client", "--email=client.window@hopital.fr", "--name=Claire CLIENT"},
            "Soleil-2024\n");
        QCOMPARE(added.exitCode, 0);
        server.start();

        Translations::apply("fr");
        QTemporaryDir settingsDir;
        ClientSettings settings(settingsDir.filePath("policy.ini"),
                                settingsDir.filePath("user.ini"));
        ServerApi::Options options;
        options.extraCaFile = server.caFile(); // the server's CA, on top of the system store
        ServerApi api(QUrl(server.baseUrl()), options);
        RecordingBrowser browser;
        OtpLoginController otp(api, browser);
        LoginWindow window(api, otp, settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(
            window.findChild<QLabel*>("serverStatusLabel")->text().contains("disponible"), 10000);

        QTest::keyClicks(window.findChild<QLineEdit*>("identifierEdit"), "c.client");
        QTest::keyClicks(window.findChild<QLineEdit*>("passwordEdit"), "Soleil-2024");
        QTest::mouseClick(window.findChild<QPushButton*>("otpButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            window.findChild<QStackedWidget*>("pages")->currentWidget()->objectName(),
            QString("otpPage"), 10000);
        QCOMPARE(window.findChild<QLabel*>("channelLabel")->text(),
                 QString::fromUtf8("Votre canal de réception : c***.w***@hopital.fr"));

        const auto mail = mailbox.waitForMail("client.window@hopital.fr", 10000);
        QVERIFY(!mail.isNull());
        const QString code =
            QRegularExpression("(?<![0-9])([0-9]{6})(?![0-9])").match(mail.body()).captured(1);
        QCOMPARE(code.size(), 6);
        // Pasted as a mail reader may copy it: with a space in the middle.
        QTest::keyClicks(window.findChild<QLineEdit*>("codeEdit"),
                         code.left(3) + " " + code.mid(3));
        QTest::mouseClick(window.findChild<QPushButton*>("verifyButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(browser.urls.size(), 1, 10000);
        QVERIFY(browser.urls.front().toString().startsWith(server.baseUrl() + "/launch?ticket="));
        QVERIFY(window.findChild<QLabel*>("doneLabel")->text().contains("Claire CLIENT"));
    }
};

QTEST_MAIN(TestLoginAgainstServerProcess)
#include "TestLoginAgainstServerProcess.moc"
