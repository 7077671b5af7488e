#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/OtpLoginController.h"
#include "client/diagnostics/StandardChecks.h"
#include "client/diagnostics/TestSignatureCheck.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/DiagnosticsWindow.h"
#include "client/ui/LoginWindow.h"
#include "tests/client/card/CardTestTokens.h"
#include "tests/client/diagnostics/FakeCheck.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace dcc::client;
using dcc::diagnostics::DiagnosticContext;
using dcc::diagnostics::DiagnosticFinding;
using dcc::test::CardTestToken;
using dcc::test::FakeCheck;

namespace {

class NoBrowser final : public BrowserLauncher
{
public:
    bool open(const QUrl&) override { return true; }
};

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 1;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// What the backend module gives the window for the optional test signature.
std::shared_ptr<dcc::diagnostics::DiagnosticCheck> testSignature(QByteArray pin)
{
    return std::make_shared<dcc::diagnostics::TestSignatureCheck>(std::move(pin));
}

QTreeWidgetItem* findingItem(QTreeWidget* tree, const QString& id)
{
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, Qt::UserRole).toString() == id)
                return group->child(i);
        }
    }
    return nullptr;
}

} // namespace

/// The diagnostics window offscreen: every check runs while the GUI thread keeps ticking,
/// results grouped and coloured, copy, save and rerun; and the login window's button.
class TestDiagnosticsWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        Translations::apply("fr");
        // This process's own copy of the token: the test signature logs in.
        CardTestToken::cps().select();
    }

    void runsAllChecksWithoutFreezingTheGuiThread()
    {
        DiagnosticContext context;
        context.applicationVersion = QStringLiteral("9.9.9");
        context.modules.configuredPath = CardTestToken::kSoftHsmModule;
        context.modules.cryptolibPaths = QStringList{};
        context.modules.useP11Kit = false;
        context.modules.openScPaths = QStringList{};
        context.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        context.firefoxManifestDirs = QStringList{m_dir.path()};
        context.defaultBrowserCommand = QStringList{};
        auto checks = dcc::diagnostics::StandardChecks::all();
        // Blocking work that lasts: the GUI thread must not wait for it.
        checks.push_back(
            std::make_shared<FakeCheck>("slow.work", "slow", DiagnosticFinding::Status::Ok, 1500));
        DiagnosticsWindow window(context, checks, &testSignature);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QElapsedTimer sinceTick;
        qint64 worstGap = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout, this,
                [&] { worstGap = std::max(worstGap, sinceTick.restart()); });
        auto* rerun = window.findChild<QPushButton*>("rerunButton");
        auto* tree = window.findChild<QTreeWidget*>("resultsTree");
        QVERIFY(rerun && tree);

        sinceTick.start();
        ticker.start();
        window.runAll();
        QVERIFY(!rerun->isEnabled());
        QVERIFY(window.runner().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(rerun->isEnabled(), 30000);
        ticker.stop();
        QVERIFY2(worstGap < 200,
                 qPrintable(QStringLiteral("GUI thread stalled %1 ms").arg(worstGap)));

        QCOMPARE(tree->topLevelItemCount(), 6);
        QTreeWidgetItem* info = findingItem(tree, "server.info");
        QVERIFY(info);
        QCOMPARE(info->data(1, Qt::UserRole).toString(), QStringLiteral("error"));
        QCOMPARE(info->text(1), QStringLiteral("Erreur"));
        QCOMPARE(info->foreground(1).color(), QColor(0xb0, 0x00, 0x20));
        QTreeWidgetItem* token = findingItem(tree, "pkcs11.selection");
        QVERIFY(token);
        QCOMPARE(token->data(1, Qt::UserRole).toString(), QStringLiteral("ok"));
        QVERIFY(findingItem(tree, "slow.work"));

        window.findChild<QPushButton*>("copyButton")->click();
        QVERIFY(QApplication::clipboard()->text().startsWith("Rapport de diagnostic DCC Login"));

        const QString path = m_dir.filePath("report.json");
        QVERIFY(window.saveReport(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value("application").toObject().value("version").toString(),
                 QStringLiteral("9.9.9"));
        QCOMPARE(json.value("checks").toArray().size(),
                 static_cast<qsizetype>(window.runner().report().findings().size()));

        // The optional test signature joins its group; the PIN never reaches the report.
        window.runTestSignature(CardTestToken::cps().pin);
        QVERIFY(!rerun->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(rerun->isEnabled(), 30000);
        QTreeWidgetItem* signature = findingItem(tree, "pkcs11.test_signature");
        QVERIFY(signature);
        QCOMPARE(signature->data(1, Qt::UserRole).toString(), QStringLiteral("ok"));
        QCOMPARE(signature->parent(), findingItem(tree, "pkcs11.selection")->parent());
        QCOMPARE(tree->topLevelItemCount(), 6);
        QVERIFY(window.currentReport().toText().contains("pkcs11.test_signature"));

        rerun->click();
        QVERIFY(!rerun->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(rerun->isEnabled(), 30000);
        QCOMPARE(tree->topLevelItemCount(), 6);
        QVERIFY(!findingItem(tree, "pkcs11.test_signature"));
    }

    void loginWindowOpensTheDiagnostics()
    {
        ClientSettings settings(m_dir.filePath("policy.ini"), m_dir.filePath("user.ini"));
        settings.setValue(ClientSettings::Key::Pkcs11Module,
                          QString::fromLatin1(CardTestToken::kSoftHsmModule));
        ServerApi api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort())));
        NoBrowser browser;
        OtpLoginController otp(api, browser);
        LoginWindow login(api, otp, settings);
        // Off until the window has checks to run (the backend module gives them).
        QVERIFY(!login.findChild<QPushButton*>("diagnosticsButton")->isEnabled());
        login.setDiagnostics(&dcc::diagnostics::StandardChecks::all, &testSignature);
        login.show();
        QVERIFY(QTest::qWaitForWindowExposed(&login));
        auto* button = login.findChild<QPushButton*>("diagnosticsButton");
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Diagnostic"));
        button->click();
        auto* window = login.findChild<DiagnosticsWindow*>();
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), 5000);
        auto* rerun = window->findChild<QPushButton*>("rerunButton");
        QTRY_VERIFY_WITH_TIMEOUT(rerun->isEnabled(), 60000);
        QVERIFY(!window->runner().report().findings().isEmpty());
        // A second click shows the same window again.
        button->click();
        QCOMPARE(login.findChildren<DiagnosticsWindow*>().size(), 1);
    }
};

QTEST_MAIN(TestDiagnosticsWindow)
#include "TestDiagnosticsWindow.moc"
