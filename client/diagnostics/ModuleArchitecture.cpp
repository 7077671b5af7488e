#include "client/diagnostics/ModuleArchitecture.h"

#include <QFile>

namespace dcc::diagnostics {

namespace {

quint32 little32(const QByteArray& bytes, qsizetype at)
{
    if (at + 4 > bytes.size())
        return 0;
    return static_cast<quint32>(static_cast<quint8>(bytes[at])) |
           static_cast<quint32>(static_cast<quint8>(bytes[at + 1])) << 8 |
           static_cast<quint32>(static_cast<quint8>(bytes[at + 2])) << 16 |
           static_cast<quint32>(static_cast<quint8>(bytes[at + 3])) << 24;
}

} // namespace

ModuleArchitecture::Bits ModuleArchitecture::ofFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Bits::Unknown;
    const QByteArray head = file.read(4096);
    if (head.startsWith("\x7f"
                        "ELF") &&
        head.size() > 4) {
        // EI_CLASS: 1 = ELFCLASS32, 2 = ELFCLASS64.
        if (head[4] == 1)
            return Bits::Bits32;
        if (head[4] == 2)
            return Bits::Bits64;
        return Bits::Unknown;
    }
    if (head.startsWith("MZ")) {
        // e_lfanew at 0x3c points at "PE\0\0", then the COFF machine field.
        const quint32 pe = little32(head, 0x3c);
        if (pe + 6 > static_cast<quint32>(head.size()) ||
            head.mid(static_cast<qsizetype>(pe), 4) != QByteArray("PE\0\0", 4))
            return Bits::Unknown;
        const auto machine = static_cast<quint16>(little32(head, pe + 4) & 0xffff);
        if (machine == 0x014c) // IMAGE_FILE_MACHINE_I386
            return Bits::Bits32;
        if (machine == 0x8664 || machine == 0xaa64) // AMD64, ARM64
            return Bits::Bits64;
        return Bits::Unknown;
    }
    const quint32 magic = little32(head, 0);
    if (magic == 0xfeedface || magic == 0xcefaedfe)
        return Bits::Bits32;
    if (magic == 0xfeedfacf || magic == 0xcffaedfe)
        return Bits::Bits64;
    return Bits::Unknown;
}

ModuleArchitecture::Bits ModuleArchitecture::ofProcess()
{
    return QT_POINTER_SIZE == 8 ? Bits::Bits64 : Bits::Bits32;
}

QString ModuleArchitecture::code(Bits bits)
{
    switch (bits) {
    case Bits::Bits32:
        return QStringLiteral("32");
    case Bits::Bits64:
        return QStringLiteral("64");
    case Bits::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

} // namespace dcc::diagnostics
