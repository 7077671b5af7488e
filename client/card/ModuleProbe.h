#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace dcc::card {

/// Where a PKCS#11 module candidate came from, in the order they are tried (DESIGN.md).
enum class ModuleStep
{
    Configured, ///< the path fixed by policy or set by the user
    Cryptolib,  ///< the ANS Cryptolib CPS paths of this OS and bitness
    P11Kit,     ///< modules registered with p11-kit
    OpenSc,     ///< OpenSC's module, which reads CPS3 cards since 0.22
};

/// What happened to one candidate during token discovery.
enum class ModuleOutcome
{
    NotConfigured,       ///< no path fixed by policy or setting
    NotFound,            ///< no file there
    Duplicate,           ///< the same module as an earlier candidate
    Skipped,             ///< a p11-kit trust module: no keys to log in with
    LoadFailed,          ///< not loadable, no C_GetFunctionList, C_Initialize refused
    NoToken,             ///< loaded, but no token present
    NoAuthenticationKey, ///< a token, but no login key and certificate on it
    Selected,            ///< the module and token used to log in
    NotTried,            ///< after the selected one
};

/// One line of the module selection report shown by the diagnostics screen.
struct ModuleProbe
{
    ModuleStep step = ModuleStep::Configured;
    QString path;
    ModuleOutcome outcome = ModuleOutcome::NotTried;
    QString detail; ///< the loader's message, the PKCS#11 error, the token label

    static const char* stepCode(ModuleStep step);
    static const char* outcomeCode(ModuleOutcome outcome);
    /// "p11kit /usr/lib/…/opensc-pkcs11.so: no_token"
    [[nodiscard]] QString toString() const;

    friend bool operator==(const ModuleProbe&, const ModuleProbe&) = default;
};

using ModuleReport = QList<ModuleProbe>;

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::ModuleProbe)
