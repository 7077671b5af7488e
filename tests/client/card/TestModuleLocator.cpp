// PKCS#11 module selection: the configured path, then Cryptolib CPS, then p11-kit's modules,
// then OpenSC, each step reported; and token discovery through that order.

#include "client/card/pkcs11/ModuleLocator.h"
#include "client/card/pkcs11/TokenDiscovery.h"
#include "tests/support/pcsc/Pcscd.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "CardTestTokens.h"

using dcc::card::CardError;
using dcc::card::ModuleLocator;
using dcc::card::ModuleOutcome;
using dcc::card::ModuleProbe;
using dcc::card::ModuleReport;
using dcc::card::ModuleStep;
using dcc::card::TokenDiscovery;
using dcc::test::CardTestToken;

namespace {

QString canonical(const QString& path)
{
    return QFileInfo(path).canonicalFilePath();
}

QString dump(const ModuleReport& report)
{
    QStringList lines;
    for (const ModuleProbe& probe : report)
        lines << probe.toString();
    return lines.join('\n');
}

qsizetype indexOf(const ModuleReport& report, ModuleStep step, const QString& canonicalPath)
{
    for (qsizetype i = 0; i < report.size(); ++i) {
        if (report[i].step == step && canonical(report[i].path) == canonicalPath)
            return i;
    }
    return -1;
}

} // namespace

class TestModuleLocator : public QObject
{
    Q_OBJECT

private slots:
    // The p11-kit step loads OpenSC, which looks at every card in every reader: no card may
    // be left in the virtual readers (this suite holds the pcscd lock, so none comes), and
    // OpenSC only gets its CAC driver (never the ~14 s probe of a vicc card).
    void initTestCase()
    {
        qputenv("OPENSC_CONF", DCC_TEST_CARD_DIR "/opensc.conf");
        if (dcc::test::Pcscd::isRunning())
            QVERIFY(dcc::test::Pcscd::waitUntilReadersEmpty());
    }

    void cryptolibPathsOfThisSystem()
    {
        const QStringList paths = ModuleLocator::defaultCryptolibPaths();
        QCOMPARE(paths.first(), QStringLiteral("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"));
        QVERIFY(paths.contains("/usr/lib64/libcps3_pkcs11_lux.so"));
        QVERIFY(paths.contains("/usr/local/galss/libcps3_pkcs11_lux.so"));
        QVERIFY(ModuleLocator::defaultOpenScPaths().contains(DCC_TEST_OPENSC_MODULE));
    }

    // Debian registers SoftHSM, OpenSC and p11-kit's trust module with p11-kit.
    void registeredWithP11Kit()
    {
        const auto modules = ModuleLocator::registeredModules();
        QStringList paths;
        for (const auto& module : modules)
            paths << canonical(module.path);
        QVERIFY2(paths.contains(canonical(CardTestToken::kSoftHsmModule)),
                 qPrintable(paths.join(' ')));
        QVERIFY2(paths.contains(canonical(DCC_TEST_OPENSC_MODULE)), qPrintable(paths.join(' ')));
        const bool trustFlagged = std::any_of(modules.cbegin(), modules.cend(), [](const auto& m) {
            return m.path.contains("p11-kit-trust") && m.trustPolicy;
        });
        QVERIFY(trustFlagged);
    }

    void candidatesInOrder()
    {
        QTemporaryDir dir;
        const QString policy = dir.filePath("policy-module.so");
        QVERIFY(QFile::link(QString::fromLatin1(CardTestToken::kSoftHsmModule), policy));

        ModuleLocator::Settings settings;
        settings.configuredPath = policy;
        const ModuleReport report = ModuleLocator(settings).candidates();
        const QString text = dump(report);

        // 1. the configured path, 2. Cryptolib (absent here), 3. p11-kit, 4. OpenSC.
        QCOMPARE(report.first().step, ModuleStep::Configured);
        QCOMPARE(report.first().path, policy);
        QCOMPARE(report.first().outcome, ModuleOutcome::NotTried);
        QList<ModuleStep> steps;
        for (const ModuleProbe& probe : report) {
            if (steps.isEmpty() || steps.last() != probe.step)
                steps << probe.step;
        }
        QCOMPARE(steps, (QList<ModuleStep>{ModuleStep::Configured, ModuleStep::Cryptolib,
                                           ModuleStep::P11Kit, ModuleStep::OpenSc}));
        for (const ModuleProbe& probe : report) {
            if (probe.step == ModuleStep::Cryptolib)
                QCOMPARE(probe.outcome, ModuleOutcome::NotFound);
        }
        // SoftHSM is the configured module: p11-kit's entry for it is the same file.
        const auto softHsm =
            indexOf(report, ModuleStep::P11Kit, canonical(CardTestToken::kSoftHsmModule));
        QVERIFY2(softHsm > 0, qPrintable(text));
        QCOMPARE(report[softHsm].outcome, ModuleOutcome::Duplicate);
        // OpenSC through p11-kit first, so its own step is a duplicate.
        const QString openSc = canonical(DCC_TEST_OPENSC_MODULE);
        QVERIFY2(indexOf(report, ModuleStep::P11Kit, openSc) > 0, qPrintable(text));
        QCOMPARE(report[indexOf(report, ModuleStep::OpenSc, openSc)].outcome,
                 ModuleOutcome::Duplicate);
        // The trust module has no keys.
        const bool trustSkipped = std::any_of(report.cbegin(), report.cend(), [](const auto& p) {
            return p.path.contains("p11-kit-trust") && p.outcome == ModuleOutcome::Skipped;
        });
        QVERIFY2(trustSkipped, qPrintable(text));
    }

    void nothingConfigured()
    {
        ModuleLocator::Settings settings;
        settings.useP11Kit = false;
        settings.cryptolibPaths = QStringList{};
        settings.openScPaths = QStringList{"/nonexistent/opensc-pkcs11.so"};
        const ModuleReport report = ModuleLocator(settings).candidates();
        QCOMPARE(report.size(), 2);
        QCOMPARE(report[0],
                 (ModuleProbe{ModuleStep::Configured, {}, ModuleOutcome::NotConfigured, {}}));
        QCOMPARE(report[1].outcome, ModuleOutcome::NotFound);

        const auto result = TokenDiscovery(ModuleLocator(settings)).discover();
        QVERIFY(!result.token);
        QCOMPARE(result.error->code(), CardError::Code::ModuleNotFound);
    }

    // The path fixed by policy comes first, even through a link in a temporary folder.
    void discoveryThroughThePolicyPath()
    {
        const CardTestToken cps = CardTestToken::cps();
        cps.select();
        QTemporaryDir dir;
        const QString policy = dir.filePath("libcps3_pkcs11_policy.so");
        QVERIFY(QFile::link(QString::fromLatin1(CardTestToken::kSoftHsmModule), policy));
        ModuleLocator::Settings settings;
        settings.configuredPath = policy;

        const auto result = TokenDiscovery(ModuleLocator(settings)).discover();
        QVERIFY2(result.token, qPrintable(dump(result.report)));
        QCOMPARE(result.token->label, cps.label);
        QCOMPARE(result.token->moduleStep, ModuleStep::Configured);
        QCOMPARE(result.token->modulePath, policy);
        QCOMPARE(result.report.first().outcome, ModuleOutcome::Selected);
        QCOMPARE(result.report.first().detail, cps.label);
        // The rest were not needed.
        for (qsizetype i = 1; i < result.report.size(); ++i)
            QVERIFY(result.report[i].outcome != ModuleOutcome::Selected);
    }

    // Nothing configured, no Cryptolib: p11-kit's SoftHSM holds the token. OpenSC may come
    // before it in p11-kit's order and then reports "no token" (no card in any reader).
    void discoveryThroughP11Kit()
    {
        const CardTestToken cps = CardTestToken::cps();
        cps.select();
        const auto result = TokenDiscovery(ModuleLocator()).discover();
        const QString text = dump(result.report);
        QVERIFY2(result.token, qPrintable(text));
        QCOMPARE(result.token->moduleStep, ModuleStep::P11Kit);
        QCOMPARE(canonical(result.token->modulePath), canonical(CardTestToken::kSoftHsmModule));
        QCOMPARE(result.token->label, cps.label);
        QCOMPARE(result.report.first().outcome, ModuleOutcome::NotConfigured);
        const auto selected =
            indexOf(result.report, ModuleStep::P11Kit, canonical(CardTestToken::kSoftHsmModule));
        QCOMPARE(result.report[selected].outcome, ModuleOutcome::Selected);
        for (qsizetype i = 0; i < selected; ++i) {
            const auto outcome = result.report[i].outcome;
            QVERIFY2(outcome == ModuleOutcome::NotConfigured ||
                         outcome == ModuleOutcome::NotFound || outcome == ModuleOutcome::NoToken ||
                         outcome == ModuleOutcome::Skipped,
                     qPrintable(text));
        }
    }

    // A module that loads but whose token has no login key: the next step is tried, and
    // with none left the error says why.
    void tokenWithoutLoginKey()
    {
        const CardTestToken signatureOnly = CardTestToken::signatureOnly();
        signatureOnly.select();
        ModuleLocator::Settings settings;
        settings.configuredPath = QString::fromLatin1(CardTestToken::kSoftHsmModule);
        settings.useP11Kit = false;
        settings.cryptolibPaths = QStringList{};
        settings.openScPaths = QStringList{};
        const auto result = TokenDiscovery(ModuleLocator(settings)).discover();
        QVERIFY(!result.token);
        QCOMPARE(result.report.first().outcome, ModuleOutcome::NoAuthenticationKey);
        QCOMPARE(result.error->code(), CardError::Code::NoAuthenticationKey);
    }

    void moduleThatFailsToLoad()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.so");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("garbage");
        file.close();
        ModuleLocator::Settings settings;
        settings.configuredPath = broken;
        settings.useP11Kit = false;
        settings.cryptolibPaths = QStringList{};
        settings.openScPaths = QStringList{};
        const auto result = TokenDiscovery(ModuleLocator(settings)).discover();
        QCOMPARE(result.report.first().outcome, ModuleOutcome::LoadFailed);
        QCOMPARE(result.error->code(), CardError::Code::ModuleLoadFailed);
    }
};

QTEST_APPLESS_MAIN(TestModuleLocator)
#include "TestModuleLocator.moc"
