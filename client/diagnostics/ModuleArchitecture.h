#pragma once

#include <QString>

namespace dcc::diagnostics {

/// The word size a library file was built for, read from its header (ELF EI_CLASS, PE
/// machine, Mach-O magic), to name a 32/64-bit mismatch when a module does not load.
class ModuleArchitecture
{
public:
    enum class Bits
    {
        Unknown, ///< not a library this reader knows, or unreadable
        Bits32,
        Bits64,
    };

    static Bits ofFile(const QString& path);
    /// The bitness of this process.
    static Bits ofProcess();
    /// "32", "64" or "unknown".
    static QString code(Bits bits);
};

} // namespace dcc::diagnostics
