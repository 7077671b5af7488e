#pragma once

#include "client/card/CardError.h"

#include <QString>

#include <optional>

namespace dcc::card {

/// The one mapping from PKCS#11 return values (CKR_*) to CardError codes, given as plain
/// integers so that no pkcs11.h is needed here.
///
/// Two things change what a return value means:
/// * a card removal: Cryptolib CPS (and OpenSC with some cards) answer CKR_GENERAL_ERROR or
///   CKR_DEVICE_ERROR, not CKR_DEVICE_REMOVED, when the card leaves during a call; the caller
///   says whether it saw a removal (PC/SC event or the slot's token gone) since the operation
///   began, and such values then mean CardRemoved;
/// * the PIN state read after a wrong PIN: CKR_PIN_INCORRECT becomes PinIncorrectFinalTry or
///   PinLocked when the token flags say so.
class Pkcs11Errors
{
public:
    static CardError::Code codeFor(quint64 returnValue, bool removalObserved = false,
                                   const std::optional<PinState>& pinAfter = std::nullopt);
    static CardError fromReturnValue(quint64 returnValue, const QString& operation,
                                     bool removalObserved = false,
                                     const std::optional<PinState>& pinAfter = std::nullopt);
    /// Values a removal can produce: worth checking the card's presence before mapping.
    static bool mayMeanRemoval(quint64 returnValue);
    /// "CKR_PIN_INCORRECT"; "0x000000A9" for a value this table does not know.
    static QString name(quint64 returnValue);
};

} // namespace dcc::card
