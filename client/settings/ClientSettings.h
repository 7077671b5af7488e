#pragma once

#include "client/backend/CoreExport.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>

class QSettings;

namespace dcc::client {

/// The client's settings, each of which the administrator can fix (DESIGN.md,
/// "Configuration").
///
/// A value comes from, strongest first:
///   1. the administrator's policy: fixed, read-only, isLocked();
///   2. the command line (--server, --lang), for this run only;
///   3. the user's own settings;
///   4. the built-in default.
/// A policy beats the command line on purpose: the point of fixing the server is that a
/// user cannot be talked into pointing the client elsewhere (a look-alike server would
/// collect passwords and card signatures), and a shortcut's command line is the user's to
/// edit. The command line still beats the user's settings, so a support technician can try
/// another server without changing them.
///
/// Stores: the policy is `HKEY_LOCAL_MACHINE\Software\Policies\DCC Login` on Windows (value
/// names ServerUrl, Pkcs11Module, Language, SupportContact, ServerCa, LogLevel, as the MSI
/// and the ADMX template write them), elsewhere the `[Policies]` group of the system-scope
/// INI file (`/etc/xdg/DCC Login/dcc-login.ini` on Linux, or under the first folder of
/// $XDG_CONFIG_DIRS) with the same names. The user's
/// settings are the user-scope INI file, under userKey() (`server/url`, …).
///
/// Values are checked (validate()): a bad policy or user value is ignored and reported in
/// problems(), never fatal, so that one typo in a GPO does not stop every workstation.
class DCC_CLIENT_CORE_EXPORT ClientSettings : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        ServerUrl,      ///< https://host[:port] (http only to a loopback host)
        Pkcs11Module,   ///< absolute path of the PKCS#11 module; empty = look for one
        Language,       ///< "fr", "en", or empty = the system's
        ServerCa,       ///< absolute path of a CA file trusted on top of the system store
        SupportContact, ///< free text shown in the assistance screen
        LogLevel,       ///< "error", "warning", "info" or "debug"
    };
    Q_ENUM(Key)

    /// Where a value comes from, weakest first.
    enum class Source
    {
        Default,
        User,
        CommandLine,
        Policy,
    };
    Q_ENUM(Source)

    struct Value
    {
        QVariant value;
        Source source = Source::Default;

        [[nodiscard]] QString toString() const { return value.toString(); }
    };

    static constexpr std::array<Key, 6> kKeys = {Key::ServerUrl,      Key::Pkcs11Module,
                                                 Key::Language,       Key::ServerCa,
                                                 Key::SupportContact, Key::LogLevel};

    /// The machine's stores: systemPolicyStore() and systemUserStore().
    explicit ClientSettings(QObject* parent = nullptr);
    /// Given stores. `policy` is read from its current group (call beginGroup() first when
    /// the values are inside one, as in the system INI file's "Policies"); it is never
    /// written, and may be null (no policy). `user` is read and written under userKey().
    ClientSettings(std::unique_ptr<QSettings> policy, std::unique_ptr<QSettings> user,
                   QObject* parent = nullptr);
    /// INI files: the policy file's [Policies] group, and the user's file.
    ClientSettings(const QString& policyIniFile, const QString& userIniFile,
                   QObject* parent = nullptr);
    ~ClientSettings() override;

    /// The administrator's store for this platform, positioned at the policy values.
    [[nodiscard]] static std::unique_ptr<QSettings> systemPolicyStore();
    [[nodiscard]] static std::unique_ptr<QSettings> systemUserStore();

    /// Name in the user's settings: "server/url", "card/pkcs11Module", "ui/language",
    /// "server/caFile", "support/contact", "log/level".
    [[nodiscard]] static QString userKey(Key key);
    /// Name in the policy store: "ServerUrl", "Pkcs11Module", "Language", "ServerCa",
    /// "SupportContact", "LogLevel".
    [[nodiscard]] static QString policyName(Key key);
    [[nodiscard]] static QString defaultValue(Key key);
    /// Why `value` is not acceptable for `key` (English, for problems() and the command line
    /// parser); empty when it is. Leading and trailing spaces do not count, and Language and
    /// LogLevel take any letter case.
    [[nodiscard]] static QString validate(Key key, const QString& value);

    /// The value in force and where it comes from.
    [[nodiscard]] Value value(Key key) const;
    [[nodiscard]] QString string(Key key) const { return value(key).toString(); }
    /// Fixed by the administrator: the settings screen shows it read-only.
    [[nodiscard]] bool isLocked(Key key) const;

    /// Stores the user's value (written to disk at once). Returns false, and changes
    /// nothing, when the key is locked or the value is not valid. A failure to write the
    /// file does not refuse the value (it holds for this run); it is reported in problems().
    bool setValue(Key key, const QVariant& value);
    /// Forgets the user's value (back to the default); false when the key is locked.
    bool resetValue(Key key);
    /// A value for this run only (--server, --lang), between the policy and the user's
    /// value. Returns false, and records why in problems(), when the value is not valid.
    /// Accepted while the key is locked, but the policy stays in force (also recorded).
    bool setCommandLineOverride(Key key, const QVariant& value);

    /// Policy or user values that were ignored, and other trouble with the stores
    /// (English, for the log and the diagnostics report).
    [[nodiscard]] QStringList problems() const { return m_problems; }

Q_SIGNALS:
    /// The value in force, or where it comes from, changed.
    void changed(dcc::client::ClientSettings::Key key);

private:
    using Slots = std::array<std::optional<QString>, kKeys.size()>;

    [[nodiscard]] static std::size_t index(Key key) { return static_cast<std::size_t>(key); }
    [[nodiscard]] static QString normalized(Key key, const QString& value);
    /// The value of `name` in `store` as text, when it is there and acceptable for `key`;
    /// otherwise nothing, with a problem recorded under `origin`.
    std::optional<QString> read(QSettings& store, const QString& name, Key key,
                                const QString& origin);
    void load();
    void writeUser(Key key);
    void emitIfChanged(Key key, const Value& before);

    std::unique_ptr<QSettings> m_policyStore;
    std::unique_ptr<QSettings> m_userStore;
    Slots m_policy;
    Slots m_commandLine;
    Slots m_user;
    QStringList m_problems;
};

} // namespace dcc::client
