#include "client/card/pkcs11/ModuleLocator.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QSet>
#include <p11-kit/p11-kit.h>

#include <cstdlib>

namespace dcc::card {

namespace {

QString takeString(char* text)
{
    // p11-kit hands out malloc()ed strings.
    const QString value = text ? QString::fromUtf8(text) : QString();
    std::free(text);
    return value;
}

// p11-kit, opened the first time its list of modules is read rather than linked: a linked
// library is loaded and relocated at process start, before the login window shows
// (docs/BENCHMARKS.md, "Third round"), and this list is only read by the card worker and
// the diagnostics. Without p11-kit the list is empty, as with no module registered.
struct P11Kit
{
    decltype(&p11_kit_modules_load) modulesLoad = nullptr;
    decltype(&p11_kit_modules_release) modulesRelease = nullptr;
    decltype(&p11_kit_module_get_name) moduleName = nullptr;
    decltype(&p11_kit_module_get_filename) moduleFilename = nullptr;
    decltype(&p11_kit_config_option) configOption = nullptr;

    [[nodiscard]] bool isLoaded() const
    {
        return modulesLoad && modulesRelease && moduleName && moduleFilename && configOption;
    }

    static const P11Kit& instance()
    {
        // Resolved once (thread-safe static); the library stays loaded, as a linked one would.
        static const P11Kit p11kit = [] {
#if defined(Q_OS_WIN)
            QLibrary library(QStringLiteral("libp11-kit-0"));
#else
            QLibrary library(QStringLiteral("p11-kit"), 0);
#endif
            P11Kit symbols;
            if (!library.load())
                return symbols;
            symbols.modulesLoad =
                reinterpret_cast<decltype(modulesLoad)>(library.resolve("p11_kit_modules_load"));
            symbols.modulesRelease = reinterpret_cast<decltype(modulesRelease)>(
                library.resolve("p11_kit_modules_release"));
            symbols.moduleName =
                reinterpret_cast<decltype(moduleName)>(library.resolve("p11_kit_module_get_name"));
            symbols.moduleFilename = reinterpret_cast<decltype(moduleFilename)>(
                library.resolve("p11_kit_module_get_filename"));
            symbols.configOption =
                reinterpret_cast<decltype(configOption)>(library.resolve("p11_kit_config_option"));
            return symbols;
        }();
        return p11kit;
    }
};

} // namespace

ModuleLocator::ModuleLocator()
    : ModuleLocator(Settings{})
{}

ModuleLocator::ModuleLocator(Settings settings)
    : m_settings(std::move(settings))
{}

QStringList ModuleLocator::defaultCryptolibPaths()
{
#if defined(Q_OS_WIN)
    // A 32-bit process reading System32 is redirected to SysWOW64 by Windows, where the
    // 32-bit Cryptolib installs its module.
    const QString system32 = QDir::fromNativeSeparators(qEnvironmentVariable(
                                 "SystemRoot", QStringLiteral("C:\\Windows"))) +
                             QStringLiteral("/System32/");
#if QT_POINTER_SIZE == 8
    return {system32 + QStringLiteral("cps3_pkcs11_w64.dll")};
#else
    return {system32 + QStringLiteral("cps3_pkcs11_w32.dll")};
#endif
#elif defined(Q_OS_MACOS)
    return {QStringLiteral("/usr/local/lib/libcps3_pkcs11_osx.dylib")};
#else
    return
    {
        QStringLiteral("/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so"),
#if QT_POINTER_SIZE == 8
            QStringLiteral("/usr/lib64/libcps3_pkcs11_lux.so"),
#else
            QStringLiteral("/usr/lib/libcps3_pkcs11_lux.so"),
#endif
            QStringLiteral("/usr/local/galss/libcps3_pkcs11_lux.so"), // older Cryptolib (GALSS)
    };
#endif
}

QStringList ModuleLocator::defaultOpenScPaths()
{
#if defined(Q_OS_WIN)
    return {QDir::fromNativeSeparators(
                qEnvironmentVariable("ProgramFiles", QStringLiteral("C:\\Program Files"))) +
            QStringLiteral("/OpenSC Project/OpenSC/pkcs11/opensc-pkcs11.dll")};
#elif defined(Q_OS_MACOS)
    return {QStringLiteral("/Library/OpenSC/lib/opensc-pkcs11.so")};
#else
    QStringList paths;
#ifdef DCC_LIBRARY_ARCHITECTURE
    // Debian and Ubuntu install into the multiarch directory.
    if (QStringLiteral(DCC_LIBRARY_ARCHITECTURE) != QString())
        paths << QStringLiteral("/usr/lib/" DCC_LIBRARY_ARCHITECTURE "/opensc-pkcs11.so");
#endif
    paths << QStringLiteral("/usr/lib64/opensc-pkcs11.so")
          << QStringLiteral("/usr/lib/opensc-pkcs11.so");
    return paths;
#endif
}

QList<ModuleLocator::RegisteredModule> ModuleLocator::registeredModules()
{
    QList<RegisteredModule> result;
    const P11Kit& p11kit = P11Kit::instance();
    if (!p11kit.isLoaded())
        return result;
    // Unmanaged: the raw modules, loaded but not initialised; only their configuration is
    // read here, the card layer loads the one it uses itself.
    CK_FUNCTION_LIST** modules = p11kit.modulesLoad(nullptr, P11_KIT_MODULE_UNMANAGED);
    if (!modules)
        return result;
    for (CK_FUNCTION_LIST** module = modules; *module; ++module) {
        RegisteredModule registered;
        registered.name = takeString(p11kit.moduleName(*module));
        registered.path = takeString(p11kit.moduleFilename(*module));
        registered.trustPolicy =
            takeString(p11kit.configOption(*module, "trust-policy")) == QLatin1String("yes");
        if (!registered.path.isEmpty())
            result << registered;
    }
    p11kit.modulesRelease(modules);
    return result;
}

ModuleReport ModuleLocator::candidates() const
{
    ModuleReport report;
    QSet<QString> seen;
    const auto add = [&report, &seen](ModuleStep step, const QString& path,
                                      const QString& detail = {}) {
        ModuleProbe probe{step, path, ModuleOutcome::NotTried, detail};
        const QFileInfo file(path);
        if (!file.exists()) {
            probe.outcome = ModuleOutcome::NotFound;
        } else {
            const QString canonical = file.canonicalFilePath();
            if (seen.contains(canonical))
                probe.outcome = ModuleOutcome::Duplicate;
            seen.insert(canonical);
        }
        report << probe;
    };

    if (m_settings.configuredPath.isEmpty())
        report << ModuleProbe{ModuleStep::Configured, {}, ModuleOutcome::NotConfigured, {}};
    else
        add(ModuleStep::Configured, m_settings.configuredPath);

    for (const QString& path : m_settings.cryptolibPaths.value_or(defaultCryptolibPaths()))
        add(ModuleStep::Cryptolib, path);

    if (m_settings.useP11Kit) {
        for (const RegisteredModule& module : registeredModules()) {
            if (module.trustPolicy) {
                report << ModuleProbe{ModuleStep::P11Kit, module.path, ModuleOutcome::Skipped,
                                      QStringLiteral("trust policy module")};
                continue;
            }
            add(ModuleStep::P11Kit, module.path, module.name);
        }
    }

    for (const QString& path : m_settings.openScPaths.value_or(defaultOpenScPaths()))
        add(ModuleStep::OpenSc, path);
    return report;
}

} // namespace dcc::card
