#pragma once

// Private to client/card/pcsc/*.cpp: the only header of the card layer that includes the
// PC/SC API. Nothing outside this folder includes it.

#include "client/card/CardException.h"
#include "client/card/pcsc/PcscErrors.h"

#include <winscard.h>

#include <optional>

namespace dcc::card::pcsc {

/// The chokepoint every SCard* call goes through: a failure becomes a CardException with
/// the typed code, the function's name and the original return code.
template <typename Function, typename... Args>
void scardCall(const char* name, Function function, Args&&... args)
{
    const LONG result = function(std::forward<Args>(args)...);
    if (result != SCARD_S_SUCCESS)
        throw CardException(
            PcscErrors::fromReturnCode(static_cast<quint32>(result), QString::fromLatin1(name)));
}

/// The same chokepoint for the calls that must not throw (destructors, SCardCancel from
/// another thread): the typed error, or nothing on success.
template <typename Function, typename... Args>
std::optional<CardError> scardTry(const char* name, Function function, Args&&... args) noexcept
{
    const LONG result = function(std::forward<Args>(args)...);
    if (result == SCARD_S_SUCCESS)
        return std::nullopt;
    return PcscErrors::fromReturnCode(static_cast<quint32>(result), QString::fromLatin1(name));
}

} // namespace dcc::card::pcsc

/// SCARD_CALL(SCardListReaders, context, …): names the function once; throws CardException.
#define SCARD_CALL(function, ...) ::dcc::card::pcsc::scardCall(#function, function, __VA_ARGS__)
/// SCARD_TRY(SCardCancel, context): never throws; the typed error, if any.
#define SCARD_TRY(function, ...) ::dcc::card::pcsc::scardTry(#function, function, __VA_ARGS__)
