#include "client/settings/ClientSettings.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QSize>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using dcc::client::ClientSettings;
using Key = ClientSettings::Key;
using Source = ClientSettings::Source;

namespace {

const QString kPolicyServer = QStringLiteral("https://dcc-login.chu-lille.fr:8443");
const QString kUserServer = QStringLiteral("https://dcc-login.hopital.fr");
const QString kCommandLineServer = QStringLiteral("https://dcc-recette.hopital.fr:9443");

} // namespace

/// Where each setting comes from (policy, command line, user, default), the administrator's
/// lock, and what is refused. The stores are temporary INI files: the system-scope file's
/// [Policies] group as on Linux, and a file with the values at its root standing in for the
/// Windows registry key (the one thing faked, at the QSettings interface).
class TestClientSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    [[nodiscard]] QString policyFile() const { return m_dir->filePath("policy/dcc-login.conf"); }
    [[nodiscard]] QString userFile() const { return m_dir->filePath("user/dcc-login.conf"); }

    /// Writes an INI file as an administrator or a user would, by hand.
    static void writeText(const QString& path, const QByteArray& text)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(text), text.size());
    }

    std::unique_ptr<ClientSettings> open()
    {
        return std::make_unique<ClientSettings>(policyFile(), userFile());
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaultsWhenNothingIsSet()
    {
        const auto settings = open();
        for (const Key key : ClientSettings::kKeys) {
            const ClientSettings::Value value = settings->value(key);
            QCOMPARE(value.source, Source::Default);
            QCOMPARE(value.toString(), ClientSettings::defaultValue(key));
            QVERIFY(!settings->isLocked(key));
        }
        QCOMPARE(settings->string(Key::Language), QString()); // the system's
        QCOMPARE(settings->string(Key::LogLevel), QString("info"));
        QCOMPARE(settings->string(Key::Pkcs11Module), QString()); // found by the card layer
        QVERIFY2(settings->problems().isEmpty(), qPrintable(settings->problems().join('\n')));
    }

    void userValuesOverrideDefaultsAndPersist()
    {
        writeText(userFile(), "[ui]\nlanguage=en\n");
        {
            const auto settings = open();
            QCOMPARE(settings->string(Key::Language), QString("en"));
            QCOMPARE(settings->value(Key::Language).source, Source::User);

            QSignalSpy changed(settings.get(), &ClientSettings::changed);
            QVERIFY(settings->setValue(Key::ServerUrl, kUserServer));
            QCOMPARE(changed.size(), 1);
            QCOMPARE(changed.front().front().value<Key>(), Key::ServerUrl);
            QVERIFY(settings->setValue(Key::ServerUrl, kUserServer)); // the same again
            QCOMPARE(changed.size(), 1);
            QVERIFY(settings->setValue(Key::Pkcs11Module,
                                       "/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"));
            QVERIFY(settings->resetValue(Key::Language));
            QCOMPARE(settings->value(Key::Language).source, Source::Default);
            QCOMPARE(changed.size(), 3);
        }
        // Written under the documented keys, and read back by the next run.
        const QSettings raw(userFile(), QSettings::IniFormat);
        QCOMPARE(raw.value("server/url").toString(), kUserServer);
        QCOMPARE(raw.value("card/pkcs11Module").toString(),
                 QString("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"));
        QVERIFY(!raw.contains("ui/language"));
        const auto again = open();
        QCOMPARE(again->string(Key::ServerUrl), kUserServer);
        QCOMPARE(again->value(Key::ServerUrl).source, Source::User);
        QCOMPARE(again->value(Key::Language).source, Source::Default);
    }

    void policyWinsAndIsLocked()
    {
        writeText(policyFile(),
                  "[Policies]\nServerUrl=" + kPolicyServer.toUtf8() + "\nLanguage=fr\n");
        writeText(userFile(), "[server]\nurl=" + kUserServer.toUtf8() + "\n[ui]\nlanguage=en\n");
        const auto settings = open();
        QCOMPARE(settings->string(Key::ServerUrl), kPolicyServer);
        QCOMPARE(settings->value(Key::ServerUrl).source, Source::Policy);
        QVERIFY(settings->isLocked(Key::ServerUrl));
        QCOMPARE(settings->string(Key::Language), QString("fr"));
        QVERIFY(settings->isLocked(Key::Language));
        QVERIFY(!settings->isLocked(Key::LogLevel));

        QSignalSpy changed(settings.get(), &ClientSettings::changed);
        QVERIFY(
            !settings->setValue(Key::ServerUrl, QStringLiteral("https://ailleurs.example.org")));
        QVERIFY(!settings->resetValue(Key::Language));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(settings->string(Key::ServerUrl), kPolicyServer);
        // The user's own value is left as it was, for the day the policy goes.
        QCOMPARE(QSettings(userFile(), QSettings::IniFormat).value("server/url").toString(),
                 kUserServer);
        QVERIFY(settings->problems().isEmpty());
    }

    void commandLineIsBetweenPolicyAndUser()
    {
        writeText(userFile(), "[server]\nurl=" + kUserServer.toUtf8() + "\n");
        {
            const auto settings = open();
            QSignalSpy changed(settings.get(), &ClientSettings::changed);
            QVERIFY(settings->setCommandLineOverride(Key::ServerUrl, kCommandLineServer));
            QVERIFY(settings->setCommandLineOverride(Key::Language, "EN"));
            QCOMPARE(changed.size(), 2);
            QCOMPARE(settings->string(Key::ServerUrl), kCommandLineServer);
            QCOMPARE(settings->value(Key::ServerUrl).source, Source::CommandLine);
            QCOMPARE(settings->string(Key::Language), QString("en"));
            // A user change is kept but does not show while the command line holds.
            QVERIFY(settings->setValue(Key::ServerUrl, "https://autre.hopital.fr"));
            QCOMPARE(changed.size(), 2);
            QCOMPARE(settings->string(Key::ServerUrl), kCommandLineServer);
        }
        // For that run only.
        QCOMPARE(open()->string(Key::ServerUrl), QString("https://autre.hopital.fr"));

        // A policy still wins over the command line.
        writeText(policyFile(), "[Policies]\nServerUrl=" + kPolicyServer.toUtf8() + "\n");
        const auto locked = open();
        QVERIFY(locked->setCommandLineOverride(Key::ServerUrl, kCommandLineServer));
        QCOMPARE(locked->string(Key::ServerUrl), kPolicyServer);
        QCOMPARE(locked->value(Key::ServerUrl).source, Source::Policy);
        QCOMPARE(locked->problems().size(), 1);
        QVERIFY(locked->problems().front().contains("policy"));
    }

    void invalidValuesAreRefused_data()
    {
        QTest::addColumn<Key>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("stored");

        QTest::newRow("https") << Key::ServerUrl << kUserServer << true << kUserServer;
        QTest::newRow("https, port, trailing slash, spaces")
            << Key::ServerUrl << " https://dcc.hopital.fr:8443/ " << true
            << "https://dcc.hopital.fr:8443/";
        QTest::newRow("http to another machine")
            << Key::ServerUrl << "http://dcc.hopital.fr" << false << QString();
        QTest::newRow("http to 127.0.0.1")
            << Key::ServerUrl << "http://127.0.0.1:8080" << true << "http://127.0.0.1:8080";
        QTest::newRow("http to localhost")
            << Key::ServerUrl << "http://localhost:8080" << true << "http://localhost:8080";
        QTest::newRow("http to ::1")
            << Key::ServerUrl << "http://[::1]:8080" << true << "http://[::1]:8080";
        QTest::newRow("http to 127.evil.example")
            << Key::ServerUrl << "http://127.evil.example" << false << QString();
        QTest::newRow("not a URL") << Key::ServerUrl << "dcc.hopital.fr" << false << QString();
        QTest::newRow("empty URL") << Key::ServerUrl << "" << false << QString();
        QTest::newRow("ftp") << Key::ServerUrl << "ftp://dcc.hopital.fr" << false << QString();
        QTest::newRow("a path") << Key::ServerUrl << "https://dcc.hopital.fr/login" << false
                                << QString();
        QTest::newRow("credentials")
            << Key::ServerUrl << "https://jean:secret@dcc.hopital.fr" << false << QString();
        QTest::newRow("fr") << Key::Language << "fr" << true << "fr";
        QTest::newRow("EN") << Key::Language << "EN" << true << "en";
        QTest::newRow("system language") << Key::Language << "" << true << "";
        QTest::newRow("de") << Key::Language << "de" << false << QString();
        QTest::newRow("debug") << Key::LogLevel << "Debug" << true << "debug";
        QTest::newRow("verbose") << Key::LogLevel << "verbose" << false << QString();
        QTest::newRow("absolute module") << Key::Pkcs11Module << "/usr/lib64/libcps3_pkcs11_lux.so"
                                         << true << "/usr/lib64/libcps3_pkcs11_lux.so";
        QTest::newRow("module by bare name")
            << Key::Pkcs11Module << "libcps3_pkcs11_lux.so" << false << QString();
        QTest::newRow("relative CA") << Key::ServerCa << "certs/ca.pem" << false << QString();
        QTest::newRow("absolute CA")
            << Key::ServerCa << "/etc/dcc-login/ca.pem" << true << "/etc/dcc-login/ca.pem";
        QTest::newRow("contact") << Key::SupportContact
                                 << "Service informatique, poste 4321\nhotline@chu.fr" << true
                                 << "Service informatique, poste 4321\nhotline@chu.fr";
        QTest::newRow("contact with control characters")
            << Key::SupportContact << "bip\x07" << false << QString();
        QTest::newRow("contact too long")
            << Key::SupportContact << QString(2001, u'x') << false << QString();
    }

    void invalidValuesAreRefused()
    {
        QFETCH(Key, key);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QFETCH(QString, stored);

        QCOMPARE(ClientSettings::validate(key, value).isEmpty(), accepted);
        const auto settings = open();
        QSignalSpy changed(settings.get(), &ClientSettings::changed);
        const ClientSettings::Value before = settings->value(key);
        QCOMPARE(settings->setValue(key, value), accepted);
        if (accepted) {
            QCOMPARE(settings->string(key), stored);
            QCOMPARE(settings->value(key).source, Source::User);
        } else {
            QCOMPARE(settings->value(key).toString(), before.toString());
            QCOMPARE(settings->value(key).source, Source::Default);
            QCOMPARE(changed.size(), 0);
            QVERIFY(!QSettings(userFile(), QSettings::IniFormat)
                         .contains(ClientSettings::userKey(key)));
            QVERIFY(!settings->setCommandLineOverride(key, value));
            QCOMPARE(settings->problems().size(), 1);
        }
    }

    void nonTextValuesAreRefused()
    {
        const auto settings = open();
        QVERIFY(!settings->setValue(Key::Language, QVariant()));
        QVERIFY(!settings->setValue(Key::ServerUrl, QVariant::fromValue(QSize(1, 2))));
        QCOMPARE(settings->value(Key::ServerUrl).source, Source::Default);
    }

    void invalidPolicyValuesAreIgnoredAndReported()
    {
        writeText(policyFile(), "[Policies]\nServerUrl=http://dcc-login.example.org\nLanguage=de\n"
                                "Pkcs11Module=/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so\n");
        writeText(userFile(), "[server]\nurl=" + kUserServer.toUtf8() + "\n[log]\nlevel=loud\n");
        const auto settings = open();
        QVERIFY(!settings->isLocked(Key::ServerUrl));
        QVERIFY(!settings->isLocked(Key::Language));
        QCOMPARE(settings->string(Key::ServerUrl), kUserServer);
        QCOMPARE(settings->value(Key::Language).source, Source::Default);
        QCOMPARE(settings->string(Key::LogLevel), QString("info"));
        // The valid policy value still applies.
        QVERIFY(settings->isLocked(Key::Pkcs11Module));

        const QStringList problems = settings->problems();
        QCOMPARE(problems.size(), 3);
        QVERIFY(problems.filter("policy ServerUrl").size() == 1);
        QVERIFY(problems.filter("policy Language").size() == 1);
        QVERIFY(problems.filter("user setting log/level").size() == 1);
    }

    void windowsValueNamesAreReadFromThePolicyStore()
    {
        // Stands in for HKLM\Software\Policies\DCC Login: the values at the key's root, under
        // the names the MSI and the ADMX template write.
        auto policy =
            std::make_unique<QSettings>(m_dir->filePath("registry.ini"), QSettings::IniFormat);
        policy->setValue("ServerUrl", kPolicyServer);
        // Absolute on the platform that runs the test ("C:/…" on Windows, "/…" elsewhere).
        const QString module = QDir::rootPath() + "Windows/System32/cps3_pkcs11_w64.dll";
        const QString ca = QDir::rootPath() + "ProgramData/DCC Login/chu-ca.pem";
        policy->setValue("Pkcs11Module", module);
        policy->setValue("Language", "en");
        policy->setValue("SupportContact", "Service informatique, poste 4321");
        policy->setValue("ServerCa", ca);
        policy->setValue("LogLevel", "debug");
        policy->sync();
        auto user = std::make_unique<QSettings>(userFile(), QSettings::IniFormat);

        ClientSettings settings(std::move(policy), std::move(user));
        QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join('\n')));
        for (const Key key : ClientSettings::kKeys) {
            QVERIFY2(settings.isLocked(key), qPrintable(ClientSettings::policyName(key)));
            QCOMPARE(settings.value(key).source, Source::Policy);
        }
        QCOMPARE(settings.string(Key::ServerUrl), kPolicyServer);
        QCOMPARE(settings.string(Key::Language), QString("en"));
        QCOMPARE(settings.string(Key::SupportContact), QString("Service informatique, poste 4321"));
        QCOMPARE(settings.string(Key::LogLevel), QString("debug"));
        QCOMPARE(settings.string(Key::Pkcs11Module), module);
        QCOMPARE(settings.string(Key::ServerCa), ca);
        QCOMPARE(ClientSettings::policyName(Key::ServerUrl), QString("ServerUrl"));
        QCOMPARE(ClientSettings::policyName(Key::Pkcs11Module), QString("Pkcs11Module"));
        QCOMPARE(ClientSettings::policyName(Key::Language), QString("Language"));
        QCOMPARE(ClientSettings::policyName(Key::SupportContact), QString("SupportContact"));
        QCOMPARE(ClientSettings::policyName(Key::ServerCa), QString("ServerCa"));
    }

    void handWrittenContactWithCommasIsOneText()
    {
        // Unquoted, QSettings would read this INI value as a list of two.
        writeText(policyFile(), "[Policies]\nSupportContact=Service informatique, poste 4321\n");
        const auto settings = open();
        QCOMPARE(settings->string(Key::SupportContact),
                 QString("Service informatique, poste 4321"));
        QVERIFY(settings->isLocked(Key::SupportContact));
    }

    void withoutAPolicyStoreNothingIsLocked()
    {
        auto user = std::make_unique<QSettings>(userFile(), QSettings::IniFormat);
        ClientSettings settings(nullptr, std::move(user));
        for (const Key key : ClientSettings::kKeys)
            QVERIFY(!settings.isLocked(key));
        QVERIFY(settings.setValue(Key::Language, "fr"));
    }

    void userKeysAreTheDocumentedOnes()
    {
        QCOMPARE(ClientSettings::userKey(Key::ServerUrl), QString("server/url"));
        QCOMPARE(ClientSettings::userKey(Key::Pkcs11Module), QString("card/pkcs11Module"));
        QCOMPARE(ClientSettings::userKey(Key::Language), QString("ui/language"));
        QCOMPARE(ClientSettings::userKey(Key::ServerCa), QString("server/caFile"));
        QCOMPARE(ClientSettings::userKey(Key::SupportContact), QString("support/contact"));
        QCOMPARE(ClientSettings::userKey(Key::LogLevel), QString("log/level"));
    }
};

QTEST_GUILESS_MAIN(TestClientSettings)
#include "TestClientSettings.moc"
