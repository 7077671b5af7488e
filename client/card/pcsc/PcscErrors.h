#pragma once

#include "client/card/CardError.h"

#include <QString>

namespace dcc::card {

/// The one mapping from PC/SC return codes to CardError codes. Codes are taken as 32-bit
/// values (PC/SC's LONG is 32 bits on Windows and macOS, a long holding the same value on
/// Linux) so that no PC/SC header is needed here.
class PcscErrors
{
public:
    static CardError::Code codeFor(quint32 returnCode);
    static CardError fromReturnCode(quint32 returnCode, const QString& operation);
    /// "SCARD_E_NO_SERVICE"; "0x80100099" for a code this table does not know.
    static QString name(quint32 returnCode);
};

} // namespace dcc::card
