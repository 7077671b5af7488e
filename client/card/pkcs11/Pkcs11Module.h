#pragma once

#include <QLibrary>
#include <QList>
#include <QString>

#include <memory>

namespace dcc::card {

/// A loaded and initialised PKCS#11 module. One instance per module file in the process
/// (load() hands out the same one while it is in use), initialised with C_Initialize
/// (OS locking, so several threads may call it) and finalised with C_Finalize when the last
/// user lets go. The library itself stays mapped: some modules do not survive being
/// unloaded, and loading again is cheap.
class Pkcs11Module
{
public:
    /// Throws CardException: ModuleNotFound (no file), ModuleLoadFailed (not a library, no
    /// C_GetFunctionList, or C_Initialize refused, with the loader's or module's reason).
    static std::shared_ptr<Pkcs11Module> load(const QString& path);

    ~Pkcs11Module();
    Pkcs11Module(const Pkcs11Module&) = delete;
    Pkcs11Module& operator=(const Pkcs11Module&) = delete;

    /// The path as asked for, and the file it resolves to (the registry's key).
    [[nodiscard]] const QString& path() const noexcept { return m_path; }
    [[nodiscard]] const QString& canonicalPath() const noexcept { return m_canonicalPath; }
    /// CK_INFO: "OpenSC Project, OpenSC smartcard framework 0.23".
    [[nodiscard]] const QString& description() const noexcept { return m_description; }
    /// The module's CK_FUNCTION_LIST, untyped so that this header needs no pkcs11.h; the
    /// card layer's PKCS#11 code reads it through pkcs11::functionsOf() (Pkcs11Private.h).
    [[nodiscard]] void* functionList() const noexcept { return m_functions; }

    /// Slots that hold a token (C_GetSlotList with tokenPresent). Throws CardException.
    [[nodiscard]] QList<quint64> slotsWithToken() const;

private:
    Pkcs11Module(QString path, QString canonicalPath);
    void initialise();

    QString m_path;
    QString m_canonicalPath;
    QString m_description;
    QLibrary m_library;
    void* m_functions = nullptr; ///< CK_FUNCTION_LIST*
    bool m_finalize = false;
};

} // namespace dcc::card
