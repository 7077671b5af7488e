#include "client/diagnostics/ServerCheck.h"
#include "tests/server/InProcessServer.h"
#include "tests/support/ServerProcess.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

using dcc::diagnostics::DiagnosticContext;
using dcc::diagnostics::DiagnosticFinding;
using dcc::diagnostics::ServerCheck;
using dcc::test::InProcessServer;
using dcc::test::ServerProcess;
using Status = DiagnosticFinding::Status;

namespace {

DiagnosticFinding byId(const QList<DiagnosticFinding>& findings, const QString& id)
{
    for (const DiagnosticFinding& finding : findings) {
        if (finding.id == id)
            return finding;
    }
    return {};
}

DiagnosticContext contextFor(const QString& url, const QString& caFile = {})
{
    DiagnosticContext context;
    context.serverUrl = QUrl(url);
    context.serverCaFile = caFile;
    context.serverTimeout = std::chrono::milliseconds(8000);
    return context;
}

} // namespace

/// The server check against the real server: up, down, with an untrusted certificate,
/// and with a clock that drifted.
class TestServerDiagnostics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverUp()
    {
        const InProcessServer server;
        ServerCheck check;
        const auto findings = check.run(contextFor(server.baseUrl()));
        QCOMPARE(findings.size(), 5);
        QCOMPARE(byId(findings, "server.resolve").status, Status::Ok);
        QCOMPARE(byId(findings, "server.tls").status, Status::NotApplicable);
        const DiagnosticFinding info = byId(findings, "server.info");
        QCOMPARE(info.status, Status::Ok);
        QCOMPARE(info.data.value("service").toString(), QStringLiteral("dcc-login-server"));
        QVERIFY(!info.data.value("version").toString().isEmpty());
        QVERIFY(info.data.value("methods").toArray().contains(QJsonValue("otp")));
        const DiagnosticFinding clock = byId(findings, "server.clock");
        QCOMPARE(clock.status, Status::Ok);
        QVERIFY(std::abs(clock.data.value("skew_seconds").toInteger()) <= 5);
        const DiagnosticFinding proxy = byId(findings, "server.proxy");
        QCOMPARE(proxy.status, Status::Ok);
        QCOMPARE(proxy.data.value("in_use").toBool(), false);
    }

    void clockSkewOverTwoMinutesIsAWarning()
    {
        InProcessServer server;
        server.clock().advance(600);
        ServerCheck check;
        const DiagnosticFinding clock =
            byId(check.run(contextFor(server.baseUrl())), "server.clock");
        QCOMPARE(clock.status, Status::Warning);
        QVERIFY(clock.data.value("skew_seconds").toInteger() <= -590);
    }

    void serverDown()
    {
        // A port that was just free: nobody listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ServerCheck check;
        const auto findings =
            check.run(contextFor(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QCOMPARE(byId(findings, "server.resolve").status, Status::Ok);
        const DiagnosticFinding info = byId(findings, "server.info");
        QCOMPARE(info.status, Status::Error);
        QVERIFY(!info.data.value("error").toString().isEmpty());
        QCOMPARE(byId(findings, "server.clock").status, Status::NotApplicable);
    }

    void untrustedThenTrustedCertificate()
    {
        ServerProcess server;
        server.setTls(true);
        server.start();
        ServerCheck check;
        auto findings = check.run(contextFor(server.baseUrl()));
        DiagnosticFinding tls = byId(findings, "server.tls");
        QCOMPARE(tls.status, Status::Error);
        QCOMPARE(tls.data.value("handshake").toBool(), false);
        QVERIFY(!tls.data.value("errors").toArray().isEmpty());
        QCOMPARE(byId(findings, "server.info").status, Status::Error);

        findings = check.run(contextFor(server.baseUrl(), server.caFile()));
        tls = byId(findings, "server.tls");
        QCOMPARE(tls.status, Status::Ok);
        QCOMPARE(tls.data.value("handshake").toBool(), true);
        QCOMPARE(tls.data.value("subject").toString(), QStringLiteral("localhost"));
        QCOMPARE(byId(findings, "server.info").status, Status::Ok);
        server.stop();
    }

    void noServerAddress()
    {
        ServerCheck check;
        const auto findings = check.run(contextFor(QString()));
        QCOMPARE(byId(findings, "server.resolve").status, Status::Error);
        QCOMPARE(byId(findings, "server.info").status, Status::NotApplicable);
        QCOMPARE(byId(findings, "server.proxy").id, QStringLiteral("server.proxy"));
    }
};

QTEST_GUILESS_MAIN(TestServerDiagnostics)
#include "TestServerDiagnostics.moc"
