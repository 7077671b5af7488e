#pragma once

#include "client/card/ModuleProbe.h"

#include <QStringList>

#include <optional>

namespace dcc::card {

/// Lists the PKCS#11 modules to try, in the order DESIGN.md gives: the path fixed by policy
/// or setting; the Cryptolib CPS paths of this OS and bitness; the modules registered with
/// p11-kit; OpenSC. What can be told without loading anything is already in the list
/// (not configured, no such file, same file as an earlier candidate, p11-kit trust module);
/// token discovery loads the rest in order and fills in their outcome.
class ModuleLocator
{
public:
    struct Settings
    {
        /// Fixed by policy or set by the user; empty when neither.
        QString configuredPath;
        /// Replaces defaultCryptolibPaths() (tests, unusual installations).
        std::optional<QStringList> cryptolibPaths;
        bool useP11Kit = true;
        /// Replaces defaultOpenScPaths().
        std::optional<QStringList> openScPaths;
    };

    /// A module registered with p11-kit.
    struct RegisteredModule
    {
        QString name;
        QString path;
        bool trustPolicy = false; ///< a trust-policy module (certificates, no keys)
    };

    ModuleLocator();
    explicit ModuleLocator(Settings settings);

    /// The candidates in order. Outcomes: NotConfigured, NotFound, Duplicate or Skipped when
    /// already known, NotTried for those to load.
    [[nodiscard]] ModuleReport candidates() const;

    static QStringList defaultCryptolibPaths();
    static QStringList defaultOpenScPaths();
    /// p11-kit's registered modules, in its order (priority, then name).
    static QList<RegisteredModule> registeredModules();

private:
    Settings m_settings;
};

} // namespace dcc::card
