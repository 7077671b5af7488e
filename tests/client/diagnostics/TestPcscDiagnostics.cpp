#include "client/diagnostics/PcscCheck.h"
#include "tests/support/pcsc/Pcscd.h"
#include "tests/support/pcsc/ViccCard.h"

#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using dcc::diagnostics::DiagnosticContext;
using dcc::diagnostics::DiagnosticFinding;
using dcc::diagnostics::PcscCheck;
using dcc::test::Pcscd;
using dcc::test::ViccCard;
using Status = DiagnosticFinding::Status;

namespace {

DiagnosticFinding readerFinding(const QList<DiagnosticFinding>& findings, const QString& name)
{
    for (const DiagnosticFinding& finding : findings) {
        if (finding.id == QLatin1String("pcsc.reader") &&
            finding.data.value("name").toString() == name)
            return finding;
    }
    return {};
}

} // namespace

/// The PC/SC check on pcscd with the vpcd readers and a vicc card, and with pcscd stopped.
class TestPcscDiagnostics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        if (!Pcscd::isRunning())
            Pcscd::start();
        QVERIFY(Pcscd::waitUntilReadersEmpty());
    }

    void cleanup()
    {
        if (!Pcscd::isRunning())
            Pcscd::start();
    }

    void readersWithoutCard()
    {
        PcscCheck check;
        const auto findings = check.run(DiagnosticContext{});
        QCOMPARE(findings.at(0).id, QStringLiteral("pcsc.service"));
        QCOMPARE(findings.at(0).status, Status::Ok);
        QCOMPARE(findings.at(0).data.value("running").toBool(), true);
        QCOMPARE(findings.at(1).id, QStringLiteral("pcsc.readers"));
        QCOMPARE(findings.at(1).status, Status::Ok);
        QCOMPARE(findings.at(1).data.value("count").toInt(), 2);
        QCOMPARE(findings.at(1).data.value("cps_card_present").toBool(), false);
        const DiagnosticFinding reader = readerFinding(findings, Pcscd::kReader0);
        QCOMPARE(reader.status, Status::Warning);
        QCOMPARE(reader.data.value("state").toString(), QStringLiteral("empty"));
        QCOMPARE(reader.data.value("card_type").toString(), QStringLiteral("none"));
        // vpcd does not answer the PC/SC part 10 feature request: "not reported".
        QVERIFY(reader.data.contains("pin_pad"));
    }

    void cardInAReader()
    {
        ViccCard card;
        card.insert();
        PcscCheck check;
        QList<DiagnosticFinding> findings;
        // pcscd sees the card 0.2–0.5 s after vicc starts.
        QTRY_VERIFY_WITH_TIMEOUT(
            (findings = check.run(DiagnosticContext{}),
             readerFinding(findings, Pcscd::kReader0).data.value("state").toString() ==
                 QLatin1String("card_present")),
            5000);
        const DiagnosticFinding reader = readerFinding(findings, Pcscd::kReader0);
        QCOMPARE(reader.data.value("atr").toString(),
                 QString::fromLatin1(ViccCard::atr().toHex(' ').toUpper()));
        QCOMPARE(reader.data.value("card_type").toString(), QStringLiteral("unknown"));
        QCOMPARE(reader.status, Status::Warning);
        QCOMPARE(readerFinding(findings, Pcscd::kReader1).data.value("state").toString(),
                 QStringLiteral("empty"));
        card.remove();
    }

    void serviceWithoutAnyReader()
    {
        // A pcscd of this test's own with no reader driver configured (and no USB reader
        // on the test machine): the service answers, the reader list is empty.
        Pcscd::stop();
        QTemporaryDir noReaders;
        QProcess pcscd;
        pcscd.setProcessChannelMode(QProcess::MergedChannels);
        pcscd.start(QStringLiteral("pcscd"),
                    {QStringLiteral("--foreground"), QStringLiteral("--config"), noReaders.path()});
        QVERIFY(pcscd.waitForStarted());
        const auto stopOwnPcscd = qScopeGuard([&pcscd] {
            pcscd.terminate();
            if (!pcscd.waitForFinished(5000)) {
                pcscd.kill();
                pcscd.waitForFinished();
            }
        });
        PcscCheck check;
        QList<DiagnosticFinding> findings;
        QTRY_VERIFY_WITH_TIMEOUT(
            (findings = check.run(DiagnosticContext{}), findings.at(0).status == Status::Ok),
            10000);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.at(1).id, QStringLiteral("pcsc.readers"));
        QCOMPARE(findings.at(1).status, Status::Error);
        QCOMPARE(findings.at(1).data.value("count").toInt(), 0);
        QVERIFY(!findings.at(1).advice.isEmpty());
    }

    void serviceStopped()
    {
        Pcscd::stop();
        PcscCheck check;
        const auto findings = check.run(DiagnosticContext{});
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.at(0).id, QStringLiteral("pcsc.service"));
        QCOMPARE(findings.at(0).status, Status::Error);
        QCOMPARE(findings.at(0).data.value("running").toBool(), false);
        QVERIFY(!findings.at(0).advice.isEmpty());
        QCOMPARE(findings.at(1).id, QStringLiteral("pcsc.readers"));
        QCOMPARE(findings.at(1).status, Status::NotApplicable);
    }
};

QTEST_GUILESS_MAIN(TestPcscDiagnostics)
#include "TestPcscDiagnostics.moc"
