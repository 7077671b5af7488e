#pragma once

// Private to client/card/pkcs11/*.cpp: the only header of the card layer that includes the
// PKCS#11 API. Nothing outside this folder includes it.

#include "client/card/CardException.h"
#include "client/card/pkcs11/Pkcs11Errors.h"
#include "client/card/pkcs11/Pkcs11Module.h"

#include <p11-kit/pkcs11.h>

#include <functional>

namespace dcc::card::pkcs11 {

/// Tells whether the card was removed since the current operation began (a PC/SC removal
/// event, or the slot's token gone). Asked only for return values a removal can produce.
using RemovalProbe = std::function<bool()>;

/// The failure a return value means: CKR_GENERAL_ERROR and the like become CardRemoved
/// when `removed` says the card went away.
inline CardError failure(CK_RV result, const char* function, const RemovalProbe& removed)
{
    const bool removal = Pkcs11Errors::mayMeanRemoval(result) && removed && removed();
    return Pkcs11Errors::fromReturnValue(result, QString::fromLatin1(function), removal);
}

/// The chokepoint every C_* call goes through: a failure becomes a CardException with the
/// typed code, the function's name and the original CKR_* value.
template <typename Function, typename... Args>
void p11Call(const char* name, const RemovalProbe& removed, Function function, Args&&... args)
{
    const CK_RV result = function(std::forward<Args>(args)...);
    if (result != CKR_OK)
        throw CardException(failure(result, name, removed));
}

/// P11_CALL(probe, functionList, C_OpenSession, …): names the function once.
#define P11_CALL(probe, list, function, ...)                                                       \
    ::dcc::card::pkcs11::p11Call(#function, probe, (list)->function, __VA_ARGS__)

/// The module's function list, typed.
inline CK_FUNCTION_LIST* functionsOf(const Pkcs11Module& module)
{
    return static_cast<CK_FUNCTION_LIST*>(module.functionList());
}

/// A PKCS#11 text field (blank padded, not NUL terminated) as a trimmed string.
template <std::size_t N>
QString paddedText(const unsigned char (&field)[N])
{
    return QString::fromUtf8(reinterpret_cast<const char*>(field), static_cast<qsizetype>(N))
        .trimmed();
}

} // namespace dcc::card::pkcs11
