// The administrator's policies, from the installer's sources to the client: every policy of
// the ADMX template and every registry value of the MSI is a setting ClientSettings reads,
// and written where this platform's system scope keeps policies (the [Policies] group of
// "<first folder of $XDG_CONFIG_DIRS>/DCC Login/dcc-login.ini", as the GPO or the MSI would
// write HKLM\Software\Policies\DCC Login on Windows) the client treats it as fixed.

#include "client/settings/ClientSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using dcc::client::ClientSettings;
using Key = ClientSettings::Key;

namespace {

const QString kPolicyKey = QStringLiteral("Software\\Policies\\DCC Login");

/// What hospital IT passes on the msiexec command line for a silent install
/// (installer/README.md): MSI property -> value.
const QMap<QString, QString> kSilentInstall = {
    {QStringLiteral("SERVER_URL"), QStringLiteral("https://dcc-login.chu-exemple.fr:8443")},
    {QStringLiteral("PKCS11_MODULE"),
     QStringLiteral("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so")},
    {QStringLiteral("LANGUAGE"), QStringLiteral("en")},
    {QStringLiteral("SUPPORT_CONTACT"), QStringLiteral("Service informatique, poste 4321")},
    {QStringLiteral("SERVER_CA"), QStringLiteral("/etc/ssl/certs/chu-exemple-ca.pem")},
    {QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")},
};

/// The value each policy name should end up with in the client.
const QMap<QString, QString> kExpected = {
    {QStringLiteral("ServerUrl"), QStringLiteral("https://dcc-login.chu-exemple.fr:8443")},
    {QStringLiteral("Pkcs11Module"),
     QStringLiteral("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so")},
    {QStringLiteral("Language"), QStringLiteral("en")},
    {QStringLiteral("SupportContact"), QStringLiteral("Service informatique, poste 4321")},
    {QStringLiteral("ServerCa"), QStringLiteral("/etc/ssl/certs/chu-exemple-ca.pem")},
    {QStringLiteral("LogLevel"), QStringLiteral("debug")},
};

QSet<QString> clientPolicyNames()
{
    QSet<QString> names;
    for (const Key key : ClientSettings::kKeys)
        names.insert(ClientSettings::policyName(key));
    return names;
}

struct AdmxPolicy
{
    QString name;
    QString policyClass;
    QString key;
    QStringList valueNames;
};

QList<AdmxPolicy> readAdmx(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    QList<AdmxPolicy> policies;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("policy")) {
            const auto attributes = xml.attributes();
            policies.append({attributes.value(QLatin1String("name")).toString(),
                             attributes.value(QLatin1String("class")).toString(),
                             attributes.value(QLatin1String("key")).toString(),
                             {}});
        } else if (xml.name() == QLatin1String("text") && !policies.isEmpty()) {
            policies.last().valueNames.append(
                xml.attributes().value(QLatin1String("valueName")).toString());
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return policies;
}

/// The rows of an MSI table (`msiinfo export`): column names, then column types, then the
/// table's name, then one line per row.
QList<QMap<QString, QString>> msiTable(const QString& msi, const QString& table)
{
    QProcess msiinfo;
    msiinfo.start(QStringLiteral("msiinfo"), {QStringLiteral("export"), msi, table});
    if (!msiinfo.waitForFinished(30000) || msiinfo.exitStatus() != QProcess::NormalExit ||
        msiinfo.exitCode() != 0)
        qFatal("msiinfo export %s %s failed: %s", qPrintable(msi), qPrintable(table),
               msiinfo.readAllStandardError().constData());
    // msiinfo ends its lines with CR LF.
    const QStringList lines = QString::fromUtf8(msiinfo.readAllStandardOutput())
                                  .split(QRegularExpression(QStringLiteral("\r?\n")));
    const QStringList columns = lines.value(0).split(QLatin1Char('\t'));
    QList<QMap<QString, QString>> rows;
    for (qsizetype i = 3; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QStringList cells = lines[i].split(QLatin1Char('\t'));
        QMap<QString, QString> row;
        for (qsizetype c = 0; c < columns.size(); ++c)
            row.insert(columns[c], cells.value(c));
        rows.append(row);
    }
    return rows;
}

/// A Formatted value of the MSI ("[SERVER_URL]") with the given properties in it, as
/// msiexec resolves it (properties not given are empty).
QString formatted(QString value, const QMap<QString, QString>& properties)
{
    static const QRegularExpression property(QStringLiteral("\\[([A-Za-z_][A-Za-z0-9_.]*)\\]"));
    QRegularExpressionMatch match;
    while ((match = property.match(value)).hasMatch())
        value.replace(match.capturedStart(), match.capturedLength(),
                      properties.value(match.captured(1)));
    return value;
}

} // namespace

class TestPolicyDeployment : public QObject
{
    Q_OBJECT

public:
    explicit TestPolicyDeployment(QString systemDir)
        : m_systemDir(std::move(systemDir))
    {}

private:
    /// Where an administrator puts the policies on Linux; $XDG_CONFIG_DIRS is m_systemDir.
    [[nodiscard]] QString policyFile() const
    {
        return m_systemDir + QStringLiteral("/DCC Login/dcc-login.ini");
    }

    /// Writes `values` (policy name -> text) as the [Policies] group of the system file.
    void writePolicies(const QMap<QString, QString>& values) const
    {
        QSettings system(policyFile(), QSettings::IniFormat);
        system.clear();
        system.beginGroup(QStringLiteral("Policies"));
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            system.setValue(it.key(), it.value());
        system.endGroup();
        system.sync();
        QCOMPARE(system.status(), QSettings::NoError);
    }

    /// The client, as it starts on this machine, sees exactly `values` as fixed settings.
    static void verifyFixed(const QMap<QString, QString>& values)
    {
        ClientSettings settings; // the machine's stores, as the client's main() uses them
        QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join("; ")));
        for (const Key key : ClientSettings::kKeys) {
            const QString name = ClientSettings::policyName(key);
            if (!values.contains(name)) {
                QVERIFY2(!settings.isLocked(key), qPrintable(name));
                QVERIFY2(settings.value(key).source != ClientSettings::Source::Policy,
                         qPrintable(name));
                continue;
            }
            QVERIFY2(settings.isLocked(key), qPrintable(name));
            QCOMPARE(settings.value(key).source, ClientSettings::Source::Policy);
            QCOMPARE(settings.string(key), values.value(name));
            // Fixed: the user cannot change it.
            QVERIFY2(!settings.setValue(key, ClientSettings::defaultValue(key)), qPrintable(name));
        }
    }

    /// What a silent install with `given` writes under the policy key: the MSI's Registry
    /// rows, each only when its component's condition holds.
    static QMap<QString, QString> msiPolicyValues(const QMap<QString, QString>& given)
    {
        QMap<QString, QString> conditions;
        for (const auto& component : msiTable(QStringLiteral(DCC_TEST_MSI), "Component"))
            conditions.insert(component.value("Component"), component.value("Condition"));
        QMap<QString, QString> values;
        for (const auto& row : msiTable(QStringLiteral(DCC_TEST_MSI), "Registry")) {
            QString key = row.value("Key");
            while (key.endsWith(QLatin1Char('\\'))) // wixl writes a trailing backslash
                key.chop(1);
            if (row.value("Root") != QLatin1String("2") || key != kPolicyKey)
                continue;
            // The MSI's conditions are bare property names: installed when it is not empty.
            const QString condition = conditions.value(row.value("Component_"));
            if (!condition.isEmpty() && given.value(condition).isEmpty())
                continue;
            values.insert(row.value("Name"), formatted(row.value("Value"), given));
        }
        return values;
    }

    QString m_systemDir;

private Q_SLOTS:
    void systemScopeIsTheTestFolder()
    {
        // Set before the first QSettings (main()), so the client's system scope is here.
        QCOMPARE(qEnvironmentVariable("XDG_CONFIG_DIRS"), m_systemDir);
        QCOMPARE(QDir::cleanPath(ClientSettings::systemPolicyStore()->fileName()),
                 QDir::cleanPath(policyFile()));
    }

    void admxPoliciesAreTheClientsSettings()
    {
        const QList<AdmxPolicy> policies = readAdmx(QStringLiteral(DCC_ADMX_FILE));
        QSet<QString> valueNames;
        for (const AdmxPolicy& policy : policies) {
            QCOMPARE(policy.policyClass, QStringLiteral("Machine"));
            QCOMPARE(policy.key, kPolicyKey);
            QCOMPARE(policy.valueNames.size(), 1);
            QVERIFY2(!valueNames.contains(policy.valueNames.front()), qPrintable(policy.name));
            valueNames.insert(policy.valueNames.front());
        }
        // Every ADMX value is one the client reads, and every setting has its policy.
        QCOMPARE(valueNames, clientPolicyNames());
    }

    void admxPoliciesAreFixedInTheClient()
    {
        QMap<QString, QString> values;
        for (const AdmxPolicy& policy : readAdmx(QStringLiteral(DCC_ADMX_FILE)))
            values.insert(policy.valueNames.front(), kExpected.value(policy.valueNames.front()));
        writePolicies(values);
        verifyFixed(kExpected);
    }

    void msiPoliciesAreTheClientsSettings()
    {
        QMap<QString, QString> allGiven;
        for (auto it = kSilentInstall.cbegin(); it != kSilentInstall.cend(); ++it)
            allGiven.insert(it.key(), it.value());
        const QMap<QString, QString> values = msiPolicyValues(allGiven);
        const QList<QString> names = values.keys();
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()), clientPolicyNames());
    }

    void msiSilentInstallIsFixedInTheClient()
    {
        const QMap<QString, QString> values = msiPolicyValues(kSilentInstall);
        QCOMPARE(values, kExpected);
        writePolicies(values);
        verifyFixed(kExpected);
    }

    void msiPropertyNotGivenIsNotFixed()
    {
        // msiexec /i dcc-login.msi /qn SERVER_URL=…: only the server is fixed.
        const QMap<QString, QString> given = {
            {QStringLiteral("SERVER_URL"), kSilentInstall.value(QStringLiteral("SERVER_URL"))}};
        const QMap<QString, QString> values = msiPolicyValues(given);
        QCOMPARE(values.keys(), QList<QString>{QStringLiteral("ServerUrl")});
        writePolicies(values);
        verifyFixed(values);
    }
};

int main(int argc, char** argv)
{
    // The system scope and the user's settings in temporary folders, before any QSettings.
    QTemporaryDir system;
    QTemporaryDir user;
    if (!system.isValid() || !user.isValid())
        qFatal("cannot create temporary folders");
    qputenv("XDG_CONFIG_DIRS", QFile::encodeName(system.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(user.path()));
    QCoreApplication app(argc, argv);
    TestPolicyDeployment test(system.path());
    return QTest::qExec(&test, argc, argv);
}

#include "TestPolicyDeployment.moc"
