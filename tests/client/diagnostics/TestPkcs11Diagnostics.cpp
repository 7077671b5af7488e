#include "client/card/CardException.h"
#include "client/card/pkcs11/Pkcs11Module.h"
#include "client/card/pkcs11/Pkcs11Token.h"
#include "client/diagnostics/Pkcs11Check.h"
#include "client/diagnostics/TestSignatureCheck.h"
#include "tests/client/card/CardTestTokens.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using dcc::diagnostics::DiagnosticContext;
using dcc::diagnostics::DiagnosticFinding;
using dcc::diagnostics::Pkcs11Check;
using dcc::test::CardTestToken;
using Status = DiagnosticFinding::Status;

namespace {

// Only the module under test: the p11-kit and OpenSC steps would load OpenSC, which probes
// whatever card another suite left in a reader.
DiagnosticContext onlyModule(const QString& path)
{
    DiagnosticContext context;
    context.modules.configuredPath = path;
    context.modules.cryptolibPaths = QStringList{};
    context.modules.useP11Kit = false;
    context.modules.openScPaths = QStringList{};
    return context;
}

QList<DiagnosticFinding> withId(const QList<DiagnosticFinding>& findings, const QString& id)
{
    QList<DiagnosticFinding> matching;
    for (const DiagnosticFinding& finding : findings) {
        if (finding.id == id)
            matching << finding;
    }
    return matching;
}

DiagnosticFinding certificate(const QList<DiagnosticFinding>& findings, const QString& usage)
{
    for (const DiagnosticFinding& finding : withId(findings, "pkcs11.certificate")) {
        if (finding.data.value("usage").toString() == usage)
            return finding;
    }
    return {};
}

} // namespace

/// The PKCS#11 check on the SoftHSM CPS look-alike, a missing module, and files that are
/// not PKCS#11 modules.
class TestPkcs11Diagnostics : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        // This process's own copy of the token: wrong PINs change its state.
        CardTestToken::cps().select();
    }

    void cpsTokenWithItsCertificatesAndMechanisms()
    {
        Pkcs11Check check;
        const auto findings = check.run(onlyModule(CardTestToken::kSoftHsmModule));
        const auto modules = withId(findings, "pkcs11.module");
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules.first().status, Status::Ok);
        QCOMPARE(modules.first().data.value("step").toString(), QStringLiteral("configured"));
        QCOMPARE(modules.first().data.value("present").toBool(), true);
        QCOMPARE(modules.first().data.value("loadable").toBool(), true);
        QVERIFY(modules.first().data.value("info").toString().startsWith("SoftHSM"));

        const auto tokens = withId(findings, "pkcs11.token");
        DiagnosticFinding token;
        for (const DiagnosticFinding& t : tokens) {
            if (t.data.value("token_label").toString() == CardTestToken::cps().label)
                token = t;
        }
        QCOMPARE(token.status, Status::Ok);
        QCOMPARE(token.data.value("model").toString(), QStringLiteral("SoftHSM v2"));
        QVERIFY(!token.data.value("serial_number").toString().isEmpty());
        QCOMPARE(token.data.value("pin_state").toString(), QStringLiteral("unknown"));
        QCOMPARE(token.data.value("initialized").toBool(), true);
        QVERIFY(token.data.value("flags").toString().startsWith("0x"));

        const DiagnosticFinding authentication = certificate(findings, "authentication");
        QCOMPARE(authentication.status, Status::Ok);
        QCOMPARE(authentication.data.value("holder").toString(), QStringLiteral("JEAN DUPONT"));
        QCOMPARE(authentication.data.value("national_identifier").toString(),
                 QStringLiteral("810001234567"));
        QVERIFY(!authentication.data.value("issuer").toString().isEmpty());
        QVERIFY(authentication.data.value("days_left").toInt() > 30);
        QVERIFY(!authentication.data.value("not_after").toString().isEmpty());
        const DiagnosticFinding signature = certificate(findings, "signature");
        QCOMPARE(signature.data.value("usage").toString(), QStringLiteral("signature"));
        QCOMPARE(signature.data.value("holder").toString(), QStringLiteral("JEAN DUPONT"));

        const auto mechanisms = withId(findings, "pkcs11.mechanisms");
        QVERIFY(!mechanisms.isEmpty());
        QCOMPARE(mechanisms.first().status, Status::Ok);
        QCOMPARE(mechanisms.first().data.value("required").toString(),
                 QStringLiteral("CKM_RSA_PKCS"));
        QCOMPARE(mechanisms.first().data.value("can_sign").toBool(), true);
        QVERIFY(mechanisms.first()
                    .data.value("sign_mechanisms")
                    .toArray()
                    .contains(QJsonValue("CKM_RSA_PKCS")));

        const auto selection = withId(findings, "pkcs11.selection");
        QCOMPARE(selection.size(), 1);
        QCOMPARE(selection.first().status, Status::Ok);
    }

    // SoftHSM sets "count low" after a wrong PIN, as a CPS card does; the flag mapping makes
    // it a warning. A right PIN afterwards clears it for the other suites.
    void wrongPinShowsCountLow()
    {
        const CardTestToken cps = CardTestToken::cps();
        {
            auto module = dcc::card::Pkcs11Module::load(CardTestToken::kSoftHsmModule);
            const dcc::card::Pkcs11Token token(module, module->slotsWithToken().first());
            const auto info = token.describe();
            QByteArray wrong("Wr0ng-P1N");
            QVERIFY_THROWS_EXCEPTION(dcc::card::CardException,
                                     (void)token.signChallenge(info, {}, wrong));
        }
        Pkcs11Check check;
        const auto findings = check.run(onlyModule(CardTestToken::kSoftHsmModule));
        DiagnosticFinding token;
        for (const DiagnosticFinding& t : withId(findings, "pkcs11.token")) {
            if (t.data.value("token_label").toString() == cps.label)
                token = t;
        }
        QCOMPARE(token.data.value("pin_state").toString(), QStringLiteral("count_low"));
        QCOMPARE(token.status, Status::Warning);
        QVERIFY(!token.advice.isEmpty());
        // Nothing of a PIN reaches the findings.
        for (const DiagnosticFinding& f : findings)
            QVERIFY(!QJsonDocument(f.toJson()).toJson().contains("Wr0ng-P1N"));

        auto module = dcc::card::Pkcs11Module::load(CardTestToken::kSoftHsmModule);
        const dcc::card::Pkcs11Token again(module, module->slotsWithToken().first());
        QByteArray right = cps.pin;
        (void)again.signChallenge(again.describe(), {}, right);
        QCOMPARE(again.pinState().tries, dcc::card::PinState::Tries::Unknown);
    }

    void testSignatureWithTheRightPin()
    {
        dcc::diagnostics::TestSignatureCheck check(CardTestToken::cps().pin);
        const auto findings = check.run(onlyModule(CardTestToken::kSoftHsmModule));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().id, QStringLiteral("pkcs11.test_signature"));
        QCOMPARE(findings.first().status, Status::Ok);
        QCOMPARE(findings.first().data.value("algorithm").toString(), QStringLiteral("RS256"));
        QCOMPARE(findings.first().data.value("verification").toString(), QStringLiteral("valid"));
    }

    void testSignatureWithAWrongPin()
    {
        {
            dcc::diagnostics::TestSignatureCheck check(QByteArray("Wr0ng-P1N"));
            const auto findings = check.run(onlyModule(CardTestToken::kSoftHsmModule));
            QCOMPARE(findings.first().status, Status::Error);
            QCOMPARE(findings.first().data.value("error").toString(),
                     QStringLiteral("pin_incorrect"));
            QCOMPARE(findings.first().data.value("pin_state").toString(),
                     QStringLiteral("count_low"));
            QVERIFY(!QJsonDocument(findings.first().toJson()).toJson().contains("Wr0ng-P1N"));
        }
        // The right PIN clears "count low" for the other suites.
        dcc::diagnostics::TestSignatureCheck again(CardTestToken::cps().pin);
        QCOMPARE(again.run(onlyModule(CardTestToken::kSoftHsmModule)).first().status, Status::Ok);
    }

    void missingConfiguredModuleIsAnError()
    {
        Pkcs11Check check;
        const auto findings = check.run(onlyModule(m_dir.filePath("no-such-module.so")));
        const auto modules = withId(findings, "pkcs11.module");
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules.first().status, Status::Error);
        QCOMPARE(modules.first().data.value("present").toBool(), false);
        QCOMPARE(modules.first().data.value("outcome").toString(), QStringLiteral("not_found"));
        QVERIFY(!modules.first().advice.isEmpty());
        QCOMPARE(withId(findings, "pkcs11.selection").first().status, Status::Error);
    }

    void fileThatIsNotAModule()
    {
        const QString path = m_dir.filePath("not-a-library.so");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a shared library\n");
        file.close();
        Pkcs11Check check;
        const auto modules = withId(check.run(onlyModule(path)), "pkcs11.module");
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules.first().status, Status::Error);
        QCOMPARE(modules.first().data.value("present").toBool(), true);
        QCOMPARE(modules.first().data.value("loadable").toBool(), false);
        QCOMPARE(modules.first().data.value("architecture_mismatch").toBool(), false);
        QVERIFY(!modules.first().data.value("error").toString().isEmpty());
    }

    void sharedLibraryWithoutPkcs11()
    {
        Pkcs11Check check;
        const auto modules =
            withId(check.run(onlyModule(DCC_TEST_PCSCLITE_LIBRARY)), "pkcs11.module");
        QCOMPARE(modules.first().status, Status::Error);
        QCOMPARE(modules.first().data.value("loadable").toBool(), false);
        QCOMPARE(modules.first().data.value("architecture").toString(), QStringLiteral("64"));
        QVERIFY(modules.first().data.value("error").toString().contains("C_GetFunctionList"));
    }

    void wrongBitnessIsNamed()
    {
        // An ELF header of the other word size: the loader refuses it, the check says why.
        const QString path = m_dir.filePath("other-bitness.so");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray header("\x7f"
                          "ELF",
                          4);
        header.append(QT_POINTER_SIZE == 8 ? '\x01' : '\x02');
        header.append(QByteArray(59, '\x01'));
        file.write(header);
        file.close();
        Pkcs11Check check;
        const auto modules = withId(check.run(onlyModule(path)), "pkcs11.module");
        QCOMPARE(modules.first().status, Status::Error);
        QCOMPARE(modules.first().data.value("architecture_mismatch").toBool(), true);
        QCOMPARE(modules.first().data.value("architecture").toString(),
                 QString::fromLatin1(QT_POINTER_SIZE == 8 ? "32" : "64"));
        QVERIFY(modules.first().detail.contains("bits"));
    }
};

QTEST_GUILESS_MAIN(TestPkcs11Diagnostics)
#include "TestPkcs11Diagnostics.moc"
