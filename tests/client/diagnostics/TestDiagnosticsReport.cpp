#include "client/diagnostics/ApplicationCheck.h"
#include "client/diagnostics/BrowserCheck.h"
#include "client/diagnostics/DiagnosticsReport.h"
#include "client/diagnostics/DiagnosticsRunner.h"
#include "client/diagnostics/ModuleArchitecture.h"
#include "tests/client/diagnostics/FakeCheck.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using dcc::diagnostics::ApplicationCheck;
using dcc::diagnostics::BrowserCheck;
using dcc::diagnostics::DiagnosticContext;
using dcc::diagnostics::DiagnosticFinding;
using dcc::diagnostics::DiagnosticsReport;
using dcc::diagnostics::DiagnosticsRunner;
using dcc::diagnostics::ModuleArchitecture;
using dcc::test::FakeCheck;
using Status = DiagnosticFinding::Status;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

DiagnosticsReport runToReport(DiagnosticsRunner& runner)
{
    QSignalSpy finished(&runner, &DiagnosticsRunner::finished);
    runner.start();
    if (!finished.wait(15000))
        return {};
    return finished.first().first().value<DiagnosticsReport>();
}

} // namespace

/// The report model, the runner's threading and deadlines, and the checks that need no
/// card, service or server.
class TestDiagnosticsReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonHasTheStableFields()
    {
        DiagnosticFinding finding;
        finding.id = QStringLiteral("pcsc.service");
        finding.group = QStringLiteral("pcsc");
        finding.status = Status::Warning;
        finding.title = QStringLiteral("Service");
        finding.detail = QStringLiteral("détail");
        finding.advice = QStringLiteral("conseil");
        finding.data = QJsonObject{{QStringLiteral("running"), true}};
        DiagnosticFinding second = finding;
        second.status = Status::NotApplicable;
        const DiagnosticsReport report(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC),
                                       QJsonObject{{QStringLiteral("name"), "dcc-login"}},
                                       {finding, second});
        const QJsonObject json = QJsonDocument::fromJson(report.toJsonBytes()).object();
        QCOMPARE(json.value("version").toInt(), 1);
        QCOMPARE(json.value("generated_at").toString(), QStringLiteral("2026-01-02T03:04:05Z"));
        QCOMPARE(json.value("application").toObject().value("name").toString(),
                 QStringLiteral("dcc-login"));
        const QJsonArray checks = json.value("checks").toArray();
        QCOMPARE(checks.size(), 2);
        const QJsonObject first = checks.at(0).toObject();
        QCOMPARE(first.keys(),
                 (QStringList{"advice", "data", "detail", "group", "id", "status", "title"}));
        QCOMPARE(first.value("id").toString(), QStringLiteral("pcsc.service"));
        QCOMPARE(first.value("status").toString(), QStringLiteral("warning"));
        QCOMPARE(first.value("data").toObject().value("running").toBool(), true);
        QCOMPARE(checks.at(1).toObject().value("status").toString(),
                 QStringLiteral("not_applicable"));
        const QJsonObject summary = json.value("summary").toObject();
        QCOMPARE(summary.value("ok").toInt(), 0);
        QCOMPARE(summary.value("warning").toInt(), 1);
        QCOMPARE(summary.value("error").toInt(), 0);
        QCOMPARE(summary.value("not_applicable").toInt(), 1);
        QVERIFY(!report.hasErrors());

        const QString text = report.toText();
        QVERIFY(text.contains(QStringLiteral("[Attention] Service (pcsc.service)")));
        QVERIFY(text.contains(QStringLiteral("→ conseil")));
        QVERIFY(text.contains(QStringLiteral("== Lecteurs de cartes (PC/SC) ==")));
    }

    void runnerRunsOffTheCallingThreadInCheckOrder()
    {
        auto slow = std::make_shared<FakeCheck>("b.slow", "b", Status::Error, 300);
        auto fast = std::make_shared<FakeCheck>("a.fast", "a", Status::Ok);
        DiagnosticsRunner runner(DiagnosticContext{}, {slow, fast});
        QSignalSpy progress(&runner, &DiagnosticsRunner::progress);
        const DiagnosticsReport report = runToReport(runner);
        QCOMPARE(report.findings().size(), 2);
        // Report order is the checks' order, not the order they answered in.
        QCOMPARE(report.findings().at(0).id, QStringLiteral("b.slow"));
        QCOMPARE(report.findings().at(1).id, QStringLiteral("a.fast"));
        QVERIFY(report.hasErrors());
        QCOMPARE(progress.count(), 2);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QCOMPARE(progress.last().at(1).toInt(), 2);
        QVERIFY(slow->ranOn.load() != nullptr);
        QVERIFY(slow->ranOn.load() != QThread::currentThread());
        QVERIFY(fast->ranOn.load() != QThread::currentThread());
    }

    void aCheckPastItsDeadlineIsAnErrorAndTheOthersStillReport()
    {
        auto hung = std::make_shared<FakeCheck>("x.hung", "x", Status::Ok, 3000,
                                                std::chrono::milliseconds(200));
        auto fine = std::make_shared<FakeCheck>("y.fine", "y", Status::Ok);
        DiagnosticsRunner runner(DiagnosticContext{}, {hung, fine});
        QElapsedTimer clock;
        clock.start();
        const DiagnosticsReport report = runToReport(runner);
        QVERIFY2(clock.elapsed() < 2500, "the runner waited for the hung check");
        QCOMPARE(report.findings().size(), 2);
        const DiagnosticFinding timedOut = report.findings().at(0);
        QCOMPARE(timedOut.id, QStringLiteral("x.hung"));
        QCOMPARE(timedOut.status, Status::Error);
        QCOMPARE(timedOut.data.value("timed_out").toBool(), true);
        QCOMPARE(timedOut.data.value("timeout_ms").toInt(), 200);
        QCOMPARE(report.findings().at(1).status, Status::Ok);
    }

    void rerunGivesAFreshReport()
    {
        auto check = std::make_shared<FakeCheck>("a.one", "a", Status::Ok);
        DiagnosticsRunner runner(DiagnosticContext{}, {check});
        const DiagnosticsReport first = runToReport(runner);
        const DiagnosticsReport second = runToReport(runner);
        QCOMPARE(first.findings().size(), 1);
        QCOMPARE(second.findings().size(), 1);
        QVERIFY(second.generatedAt() >= first.generatedAt());
    }

    void architectureOfModuleFiles()
    {
        QTemporaryDir dir;
        QByteArray elf32("\x7f"
                         "ELF\x01\x01\x01",
                         7);
        elf32.append(64, '\0');
        QByteArray elf64("\x7f"
                         "ELF\x02\x01\x01",
                         7);
        elf64.append(64, '\0');
        QByteArray pe32(0x100, '\0');
        pe32[0] = 'M';
        pe32[1] = 'Z';
        pe32[0x3c] = 0x40;
        pe32.replace(0x40, 6, QByteArray("PE\0\0\x4c\x01", 6));
        QByteArray pe64 = pe32;
        pe64.replace(0x44, 2, QByteArray("\x64\x86", 2));
        QCOMPARE(ModuleArchitecture::ofFile(writeFile(dir, "a.so", elf32)),
                 ModuleArchitecture::Bits::Bits32);
        QCOMPARE(ModuleArchitecture::ofFile(writeFile(dir, "b.so", elf64)),
                 ModuleArchitecture::Bits::Bits64);
        QCOMPARE(ModuleArchitecture::ofFile(writeFile(dir, "c.dll", pe32)),
                 ModuleArchitecture::Bits::Bits32);
        QCOMPARE(ModuleArchitecture::ofFile(writeFile(dir, "d.dll", pe64)),
                 ModuleArchitecture::Bits::Bits64);
        QCOMPARE(ModuleArchitecture::ofFile(writeFile(dir, "e.txt", "not a library")),
                 ModuleArchitecture::Bits::Unknown);
        QCOMPARE(ModuleArchitecture::ofFile(dir.filePath("missing")),
                 ModuleArchitecture::Bits::Unknown);
        QCOMPARE(ModuleArchitecture::ofFile(QCoreApplication::applicationFilePath()),
                 ModuleArchitecture::ofProcess());
    }

    void applicationCheckShowsVersionsAndSettingSources()
    {
        DiagnosticContext context;
        context.applicationVersion = QStringLiteral("1.2.3");
        context.settings = QJsonObject{
            {"ServerUrl", QJsonObject{{"value", "https://dcc.example"}, {"source", "policy"}}}};
        context.settingsProblems = {QStringLiteral("policy Language: bad value")};
        ApplicationCheck check;
        const auto findings = check.run(context);
        QCOMPARE(findings.size(), 3);
        QCOMPARE(findings.at(0).id, QStringLiteral("application.versions"));
        QCOMPARE(findings.at(0).data.value("application").toString(), QStringLiteral("1.2.3"));
        QCOMPARE(findings.at(0).data.value("qt_runtime").toString(),
                 QString::fromLatin1(qVersion()));
        QVERIFY(findings.at(0).data.value("openssl").toString().contains("OpenSSL"));
        QCOMPARE(findings.at(1).id, QStringLiteral("application.system"));
        QVERIFY(!findings.at(1).data.value("cpu_architecture").toString().isEmpty());
        const DiagnosticFinding settings = findings.at(2);
        QCOMPARE(settings.id, QStringLiteral("application.settings"));
        QCOMPARE(settings.status, Status::Warning);
        QCOMPARE(settings.data.value("values")
                     .toObject()
                     .value("ServerUrl")
                     .toObject()
                     .value("source")
                     .toString(),
                 QStringLiteral("policy"));
        QCOMPARE(settings.data.value("problems").toArray().size(), 1);
    }

    void firefoxManifestAndDefaultBrowser()
    {
        QTemporaryDir dir;
        DiagnosticContext context;
        context.firefoxManifestDirs = QStringList{dir.path()};
        context.defaultBrowserCommand = QStringList{"sh", "-c", "echo firefox-esr.desktop"};
        BrowserCheck check;
        auto findings = check.run(context);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.at(0).id, QStringLiteral("browser.default"));
        QCOMPARE(findings.at(0).status, Status::Ok);
        QCOMPARE(findings.at(0).data.value("browser").toString(),
                 QStringLiteral("firefox-esr.desktop"));
        QCOMPARE(findings.at(1).id, QStringLiteral("browser.firefox_module"));
        QCOMPARE(findings.at(1).status, Status::Warning);

        QVERIFY(
            !writeFile(
                 dir, "cps3.json",
                 R"({"name":"cps3_pkcs11","path":"/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so","type":"pkcs11","allowed_extensions":[]})")
                 .isEmpty());
        findings = check.run(context);
        QCOMPARE(findings.at(1).status, Status::Ok);
        const QJsonArray manifests = findings.at(1).data.value("manifests").toArray();
        QCOMPARE(manifests.size(), 1);
        QCOMPARE(manifests.at(0).toObject().value("cps").toBool(), true);
        QCOMPARE(manifests.at(0).toObject().value("name").toString(),
                 QStringLiteral("cps3_pkcs11"));

        context.firefoxManifestDirs = QStringList{};
        context.defaultBrowserCommand = QStringList{};
        findings = check.run(context);
        QCOMPARE(findings.at(0).status, Status::NotApplicable);
        QCOMPARE(findings.at(1).status, Status::NotApplicable);

        context.defaultBrowserCommand = QStringList{"sh", "-c", "exit 3"};
        QCOMPARE(check.run(context).at(0).status, Status::Warning);
    }
};

QTEST_GUILESS_MAIN(TestDiagnosticsReport)
#include "TestDiagnosticsReport.moc"
