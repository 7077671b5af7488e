#include "tests/client/card/CardTestTokens.h"
#include "tests/server/InProcessServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using dcc::test::CardTestToken;
using dcc::test::InProcessServer;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QJsonObject checkById(const QJsonArray& checks, const QString& id)
{
    for (const QJsonValue& check : checks) {
        if (check.toObject().value("id").toString() == id)
            return check.toObject();
    }
    return {};
}

} // namespace

/// `dcc-login --diagnose` run as a process, as support staff run it: no display, the report
/// on stdout or in a file, exit status 0 or 1.
class TestDiagnoseCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    Run diagnose(const QStringList& arguments,
                 const QString& executable = QStringLiteral(DCC_LOGIN_EXECUTABLE))
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // No display at all: the command must not need one.
        environment.remove("DISPLAY");
        environment.remove("WAYLAND_DISPLAY");
        environment.remove("QT_QPA_PLATFORM");
        environment.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        environment.insert("HOME", m_home.path());
        // The CPS look-alike is what p11-kit's SoftHSM shows.
        environment.insert("SOFTHSM2_CONF", CardTestToken::cps().softHsmConf);
        process.setProcessEnvironment(environment);
        process.start(executable, QStringList{QStringLiteral("--diagnose")} + arguments);
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private Q_SLOTS:
    void jsonWithTheServerUpAndTheCard()
    {
        const InProcessServer server;
        const Run run = diagnose({QStringLiteral("--json"), "--server=" + server.baseUrl()});
        QJsonParseError parseError{};
        const QJsonObject report = QJsonDocument::fromJson(run.out, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, run.err.constData());
        QCOMPARE(report.value("version").toInt(), 1);
        QVERIFY(
            QDateTime::fromString(report.value("generated_at").toString(), Qt::ISODate).isValid());
        const QJsonObject application = report.value("application").toObject();
        QCOMPARE(application.value("name").toString(), QStringLiteral("dcc-login"));
        QVERIFY(!application.value("version").toString().isEmpty());
        QCOMPARE(application.value("qt_version").toString(), QString::fromLatin1(qVersion()));

        const QJsonArray checks = report.value("checks").toArray();
        for (const QJsonValue& value : checks) {
            const QJsonObject check = value.toObject();
            QCOMPARE(check.keys(),
                     (QStringList{"advice", "data", "detail", "group", "id", "status", "title"}));
            QVERIFY(QStringList({"ok", "warning", "error", "not_applicable"})
                        .contains(check.value("status").toString()));
            QVERIFY(QStringList({"application", "pcsc", "pkcs11", "server", "browser"})
                        .contains(check.value("group").toString()));
        }
        const QJsonObject settings = checkById(checks, "application.settings");
        QCOMPARE(settings.value("data")
                     .toObject()
                     .value("values")
                     .toObject()
                     .value("ServerUrl")
                     .toObject()
                     .value("source")
                     .toString(),
                 QStringLiteral("command_line"));
        QCOMPARE(checkById(checks, "pcsc.service").value("status").toString(),
                 QStringLiteral("ok"));
        QCOMPARE(checkById(checks, "pkcs11.selection").value("status").toString(),
                 QStringLiteral("ok"));
        const QJsonObject info = checkById(checks, "server.info");
        QCOMPARE(info.value("status").toString(), QStringLiteral("ok"));
        QCOMPARE(info.value("data").toObject().value("service").toString(),
                 QStringLiteral("dcc-login-server"));
        QCOMPARE(checkById(checks, "server.clock").value("status").toString(),
                 QStringLiteral("ok"));
        QVERIFY(!checkById(checks, "browser.firefox_module").isEmpty());

        const QJsonObject summary = report.value("summary").toObject();
        int total = 0;
        for (const char* key : {"ok", "warning", "error", "not_applicable"})
            total += summary.value(key).toInt();
        QCOMPARE(total, static_cast<int>(checks.size()));
        QCOMPARE(summary.value("error").toInt(), 0);
        QCOMPARE(run.exitCode, 0);
    }

    void serverDownExitsWithOneAndWritesTheFile()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const QString output = m_home.filePath("report.txt");
        const Run run = diagnose({QStringLiteral("--output=") + output,
                                  QStringLiteral("--server=http://127.0.0.1:%1").arg(port)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("Rapport de diagnostic DCC Login")));
        QVERIFY(text.contains(QStringLiteral("[Erreur] Service (server.info)")));
    }

    // The checks live in the backend module: an installation without it is reported, with
    // status 1, not diagnosed as healthy with no check at all. The executable alone in a
    // folder (it still finds the core library: the build tree's run path is absolute).
    void missingModuleExitsWithOne()
    {
        const InProcessServer server;
        QVERIFY(QDir().mkpath(m_home.filePath("alone")));
        const QString executable = m_home.filePath("alone/dcc-login");
        QFile::remove(executable);
        QVERIFY(QFile::copy(QStringLiteral(DCC_LOGIN_EXECUTABLE), executable));
        const Run run = diagnose({"--server=" + server.baseUrl()}, executable);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        const QString error = QString::fromLocal8Bit(run.err);
        QVERIFY2(error.contains(QStringLiteral("Installation incomplète")), qPrintable(error));
        QVERIFY2(error.contains(m_home.filePath("alone/dcc-login-backend")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDiagnoseCommand)
#include "TestDiagnoseCommand.moc"
