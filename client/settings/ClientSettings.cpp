#include "client/settings/ClientSettings.h"

#include <QDir>
#include <QLoggingCategory>
#include <QMetaType>
#include <QSettings>
#include <QUrl>

#include <utility>

#ifndef DCC_DEFAULT_SERVER_URL
#error "DCC_DEFAULT_SERVER_URL must be defined (client/settings/CMakeLists.txt)"
#endif

namespace dcc::client {

namespace {

Q_LOGGING_CATEGORY(lcSettings, "dcc.client.settings")

const QString kPolicyGroup = QStringLiteral("Policies");
const QString kOrganization = QStringLiteral("DCC Login");
const QString kApplication = QStringLiteral("dcc-login");

/// Far above any real contact text, low enough that a broken policy cannot flood the UI.
constexpr qsizetype kMaxSupportContact = 2000;

/// Without QtNetwork: "localhost", 127.0.0.0/8 and ::1 (QUrl has already normalized the
/// host, e.g. "127.1" to "127.0.0.1" and "[0::1]" to "::1").
bool isLoopbackHost(const QString& host)
{
    if (host == QLatin1String("localhost") || host == QLatin1String("::1"))
        return true;
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QString& part : parts) {
        bool ok = false;
        const int number = part.toInt(&ok);
        if (!ok || number < 0 || number > 255)
            return false;
    }
    return parts.front() == QLatin1String("127");
}

QString validateServerUrl(const QString& value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (value.isEmpty() || !url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not an absolute URL").arg(value);
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") &&
        !(scheme == QLatin1String("http") && isLoopbackHost(url.host())))
        return QStringLiteral("\"%1\" must be https (http only for a loopback address)").arg(value);
    if (!url.userInfo().isEmpty())
        return QStringLiteral("the server URL must not hold a user name or password");
    if (!(url.path().isEmpty() || url.path() == QLatin1String("/")) || url.hasQuery() ||
        url.hasFragment())
        return QStringLiteral("\"%1\" must be scheme://host[:port] with nothing after it")
            .arg(value);
    return {};
}

/// Module and CA paths: empty (none), or absolute. A relative module path would be looked
/// up along the library search path, where another DLL of the same name could be planted.
QString validatePath(const QString& value)
{
    if (value.isEmpty() || QDir::isAbsolutePath(value))
        return {};
    return QStringLiteral("\"%1\" is not an absolute path").arg(value);
}

QString validateSupportContact(const QString& value)
{
    if (value.size() > kMaxSupportContact)
        return QStringLiteral("the text is longer than %1 characters").arg(kMaxSupportContact);
    for (const QChar c : value) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t')
            return QStringLiteral("the text holds control characters");
    }
    return {};
}

QString validateChoice(const QString& value, const QStringList& choices)
{
    if (choices.contains(value))
        return {};
    QStringList shown;
    for (const QString& choice : choices)
        shown << (choice.isEmpty() ? QStringLiteral("empty")
                                   : QStringLiteral("\"%1\"").arg(choice));
    return QStringLiteral("\"%1\" is not one of %2").arg(value, shown.join(QStringLiteral(", ")));
}

} // namespace

ClientSettings::ClientSettings(QObject* parent)
    : ClientSettings(systemPolicyStore(), systemUserStore(), parent)
{}

ClientSettings::ClientSettings(std::unique_ptr<QSettings> policy, std::unique_ptr<QSettings> user,
                               QObject* parent)
    : QObject(parent)
    , m_policyStore(std::move(policy))
    , m_userStore(std::move(user))
{
    load();
}

ClientSettings::ClientSettings(const QString& policyIniFile, const QString& userIniFile,
                               QObject* parent)
    : QObject(parent)
    , m_policyStore(std::make_unique<QSettings>(policyIniFile, QSettings::IniFormat))
    , m_userStore(std::make_unique<QSettings>(userIniFile, QSettings::IniFormat))
{
    m_policyStore->beginGroup(kPolicyGroup);
    load();
}

ClientSettings::~ClientSettings() = default;

std::unique_ptr<QSettings> ClientSettings::systemPolicyStore()
{
#ifdef Q_OS_WIN
    return std::make_unique<QSettings>(
        QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Policies\\DCC Login"),
        QSettings::NativeFormat);
#else
    auto store = std::make_unique<QSettings>(QSettings::IniFormat, QSettings::SystemScope,
                                             kOrganization, kApplication);
    // Only this file: not an organization-wide one that someone else may write.
    store->setFallbacksEnabled(false);
    store->beginGroup(kPolicyGroup);
    return store;
#endif
}

std::unique_ptr<QSettings> ClientSettings::systemUserStore()
{
    auto store = std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             kOrganization, kApplication);
    // Without this a user-scope QSettings also reads the system-scope file: the user store
    // is the user's alone, and the system file speaks only through its [Policies].
    store->setFallbacksEnabled(false);
    return store;
}

QString ClientSettings::userKey(Key key)
{
    switch (key) {
    case Key::ServerUrl:
        return QStringLiteral("server/url");
    case Key::Pkcs11Module:
        return QStringLiteral("card/pkcs11Module");
    case Key::Language:
        return QStringLiteral("ui/language");
    case Key::ServerCa:
        return QStringLiteral("server/caFile");
    case Key::SupportContact:
        return QStringLiteral("support/contact");
    case Key::LogLevel:
        return QStringLiteral("log/level");
    }
    return {};
}

QString ClientSettings::policyName(Key key)
{
    switch (key) {
    case Key::ServerUrl:
        return QStringLiteral("ServerUrl");
    case Key::Pkcs11Module:
        return QStringLiteral("Pkcs11Module");
    case Key::Language:
        return QStringLiteral("Language");
    case Key::ServerCa:
        return QStringLiteral("ServerCa");
    case Key::SupportContact:
        return QStringLiteral("SupportContact");
    case Key::LogLevel:
        return QStringLiteral("LogLevel");
    }
    return {};
}

QString ClientSettings::defaultValue(Key key)
{
    switch (key) {
    case Key::ServerUrl:
        // Empty unless the build names the region's server (CMake DCC_DEFAULT_SERVER_URL):
        // the installer's policy or the user sets it.
        return QStringLiteral(DCC_DEFAULT_SERVER_URL);
    case Key::LogLevel:
        return QStringLiteral("info");
    case Key::Pkcs11Module: // found by the card layer (Cryptolib CPS, p11-kit, OpenSC)
    case Key::Language:     // the system's
    case Key::ServerCa:
    case Key::SupportContact:
        return {};
    }
    return {};
}

QString ClientSettings::normalized(Key key, const QString& value)
{
    const QString trimmed = value.trimmed();
    if (key == Key::Language || key == Key::LogLevel)
        return trimmed.toLower();
    return trimmed;
}

QString ClientSettings::validate(Key key, const QString& value)
{
    const QString text = normalized(key, value);
    switch (key) {
    case Key::ServerUrl:
        return validateServerUrl(text);
    case Key::Pkcs11Module:
    case Key::ServerCa:
        return validatePath(text);
    case Key::Language:
        return validateChoice(text, {QStringLiteral("fr"), QStringLiteral("en"), QString()});
    case Key::SupportContact:
        return validateSupportContact(text);
    case Key::LogLevel:
        return validateChoice(text, {QStringLiteral("error"), QStringLiteral("warning"),
                                     QStringLiteral("info"), QStringLiteral("debug")});
    }
    return QStringLiteral("unknown setting");
}

std::optional<QString> ClientSettings::read(QSettings& store, const QString& name, Key key,
                                            const QString& origin)
{
    if (!store.contains(name))
        return std::nullopt;
    const QVariant raw = store.value(name);
    QString text;
    if (raw.typeId() == QMetaType::QStringList) {
        // QSettings reads an unquoted INI value with commas as a list ("Service
        // informatique, poste 4321"): it was one text.
        text = raw.toStringList().join(QStringLiteral(", "));
    } else if (raw.canConvert<QString>()) {
        text = raw.toString();
    } else {
        m_problems << QStringLiteral("%1 %2: not a text value; ignored").arg(origin, name);
        return std::nullopt;
    }
    if (const QString why = validate(key, text); !why.isEmpty()) {
        m_problems << QStringLiteral("%1 %2: %3; ignored").arg(origin, name, why);
        return std::nullopt;
    }
    return normalized(key, text);
}

void ClientSettings::load()
{
    if (m_policyStore && m_policyStore->status() != QSettings::NoError)
        m_problems << QStringLiteral("the policy store %1 cannot be read; no policy applied")
                          .arg(m_policyStore->fileName());
    if (m_userStore && m_userStore->status() != QSettings::NoError)
        m_problems << QStringLiteral("the user settings %1 cannot be read; defaults used")
                          .arg(m_userStore->fileName());

    for (const Key key : kKeys) {
        if (m_policyStore && m_policyStore->status() == QSettings::NoError)
            m_policy[index(key)] =
                read(*m_policyStore, policyName(key), key, QStringLiteral("policy"));
        if (m_userStore && m_userStore->status() == QSettings::NoError)
            m_user[index(key)] =
                read(*m_userStore, userKey(key), key, QStringLiteral("user setting"));
    }
    if (const QString why = validate(Key::ServerUrl, defaultValue(Key::ServerUrl));
        !defaultValue(Key::ServerUrl).isEmpty() && !why.isEmpty())
        m_problems << QStringLiteral("built-in server URL: %1").arg(why);

    for (const QString& problem : std::as_const(m_problems))
        qCWarning(lcSettings).noquote() << problem;
}

ClientSettings::Value ClientSettings::value(Key key) const
{
    const std::size_t i = index(key);
    if (m_policy[i])
        return {*m_policy[i], Source::Policy};
    if (m_commandLine[i])
        return {*m_commandLine[i], Source::CommandLine};
    if (m_user[i])
        return {*m_user[i], Source::User};
    return {defaultValue(key), Source::Default};
}

bool ClientSettings::isLocked(Key key) const
{
    return m_policy[index(key)].has_value();
}

bool ClientSettings::setValue(Key key, const QVariant& value)
{
    if (isLocked(key) || !value.canConvert<QString>())
        return false;
    const QString text = value.toString();
    if (!validate(key, text).isEmpty())
        return false;
    const Value before = this->value(key);
    m_user[index(key)] = normalized(key, text);
    writeUser(key);
    emitIfChanged(key, before);
    return true;
}

bool ClientSettings::resetValue(Key key)
{
    if (isLocked(key))
        return false;
    const Value before = value(key);
    m_user[index(key)].reset();
    writeUser(key);
    emitIfChanged(key, before);
    return true;
}

bool ClientSettings::setCommandLineOverride(Key key, const QVariant& value)
{
    const QString text = value.toString();
    const QString why =
        value.canConvert<QString>() ? validate(key, text) : QStringLiteral("not a text value");
    if (!why.isEmpty()) {
        m_problems << QStringLiteral("command line %1: %2; ignored").arg(userKey(key), why);
        return false;
    }
    if (isLocked(key))
        m_problems << QStringLiteral("command line %1: fixed by the administrator's policy; "
                                     "the policy's value stays in force")
                          .arg(userKey(key));
    const Value before = this->value(key);
    m_commandLine[index(key)] = normalized(key, text);
    emitIfChanged(key, before);
    return true;
}

void ClientSettings::writeUser(Key key)
{
    if (!m_userStore)
        return;
    if (const auto& value = m_user[index(key)])
        m_userStore->setValue(userKey(key), *value);
    else
        m_userStore->remove(userKey(key));
    m_userStore->sync();
    if (m_userStore->status() != QSettings::NoError) {
        const QString problem =
            QStringLiteral("the user settings %1 cannot be written").arg(m_userStore->fileName());
        qCWarning(lcSettings).noquote() << problem;
        if (!m_problems.contains(problem))
            m_problems << problem;
    }
}

void ClientSettings::emitIfChanged(Key key, const Value& before)
{
    const Value after = value(key);
    if (after.value != before.value || after.source != before.source)
        Q_EMIT changed(key);
}

} // namespace dcc::client
