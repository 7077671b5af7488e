#include "client/card/pcsc/PcscErrors.h"

#include <winscard.h>

#include <array>

namespace dcc::card {

namespace {

struct KnownCode
{
    LONG value;
    const char* name;
    CardError::Code code;
};

using C = CardError::Code;

// Every code a smart-card login can meet, with what it means for the user.
constexpr std::array<KnownCode, 33> kCodes = {{
    {SCARD_E_NO_SERVICE, "SCARD_E_NO_SERVICE", C::ServiceNotRunning},
    {SCARD_E_SERVICE_STOPPED, "SCARD_E_SERVICE_STOPPED", C::ServiceNotRunning},
    {SCARD_E_NO_READERS_AVAILABLE, "SCARD_E_NO_READERS_AVAILABLE", C::NoReaders},
    {SCARD_E_NO_SMARTCARD, "SCARD_E_NO_SMARTCARD", C::NoCard},
    {SCARD_W_REMOVED_CARD, "SCARD_W_REMOVED_CARD", C::CardRemoved},
    {SCARD_W_RESET_CARD, "SCARD_W_RESET_CARD", C::CardReset},
    {SCARD_E_READER_UNAVAILABLE, "SCARD_E_READER_UNAVAILABLE", C::ReaderUnavailable},
    {SCARD_E_UNKNOWN_READER, "SCARD_E_UNKNOWN_READER", C::ReaderUnavailable},
    {SCARD_E_SHARING_VIOLATION, "SCARD_E_SHARING_VIOLATION", C::SharingViolation},
    {SCARD_W_UNRESPONSIVE_CARD, "SCARD_W_UNRESPONSIVE_CARD", C::CardUnresponsive},
    {SCARD_W_UNPOWERED_CARD, "SCARD_W_UNPOWERED_CARD", C::CardUnresponsive},
    {SCARD_E_COMM_DATA_LOST, "SCARD_E_COMM_DATA_LOST", C::CardUnresponsive},
    {SCARD_F_COMM_ERROR, "SCARD_F_COMM_ERROR", C::CardUnresponsive},
    {SCARD_E_NOT_READY, "SCARD_E_NOT_READY", C::CardUnresponsive},
    {SCARD_E_CARD_UNSUPPORTED, "SCARD_E_CARD_UNSUPPORTED", C::CardUnsupported},
    {SCARD_W_UNSUPPORTED_CARD, "SCARD_W_UNSUPPORTED_CARD", C::CardUnsupported},
    {SCARD_E_PROTO_MISMATCH, "SCARD_E_PROTO_MISMATCH", C::CardUnsupported},
    {SCARD_E_CANCELLED, "SCARD_E_CANCELLED", C::Cancelled},
    {SCARD_E_SYSTEM_CANCELLED, "SCARD_E_SYSTEM_CANCELLED", C::Cancelled},
    {SCARD_E_TIMEOUT, "SCARD_E_TIMEOUT", C::Timeout},
    {SCARD_E_NO_MEMORY, "SCARD_E_NO_MEMORY", C::Internal},
    {SCARD_E_INSUFFICIENT_BUFFER, "SCARD_E_INSUFFICIENT_BUFFER", C::Internal},
    {SCARD_E_INVALID_PARAMETER, "SCARD_E_INVALID_PARAMETER", C::Internal},
    {SCARD_E_INVALID_VALUE, "SCARD_E_INVALID_VALUE", C::Internal},
    // pcsc-lite answers this for a context made before pcscd restarted.
    {SCARD_E_INVALID_HANDLE, "SCARD_E_INVALID_HANDLE", C::PcscFailure},
    {SCARD_F_INTERNAL_ERROR, "SCARD_F_INTERNAL_ERROR", C::PcscFailure},
    {SCARD_F_UNKNOWN_ERROR, "SCARD_F_UNKNOWN_ERROR", C::PcscFailure},
    {SCARD_F_WAITED_TOO_LONG, "SCARD_F_WAITED_TOO_LONG", C::PcscFailure},
    {SCARD_E_UNEXPECTED, "SCARD_E_UNEXPECTED", C::PcscFailure},
    {SCARD_E_SERVER_TOO_BUSY, "SCARD_E_SERVER_TOO_BUSY", C::PcscFailure},
    {SCARD_E_NOT_TRANSACTED, "SCARD_E_NOT_TRANSACTED", C::PcscFailure},
    {SCARD_E_READER_UNSUPPORTED, "SCARD_E_READER_UNSUPPORTED", C::PcscFailure},
    {SCARD_E_UNKNOWN_CARD, "SCARD_E_UNKNOWN_CARD", C::CardUnsupported},
}};

const KnownCode* find(quint32 returnCode)
{
    for (const auto& known : kCodes) {
        if (static_cast<quint32>(known.value) == returnCode)
            return &known;
    }
    return nullptr;
}

} // namespace

CardError::Code PcscErrors::codeFor(quint32 returnCode)
{
    const KnownCode* known = find(returnCode);
    return known ? known->code : CardError::Code::PcscFailure;
}

CardError PcscErrors::fromReturnCode(quint32 returnCode, const QString& operation)
{
    return CardError(codeFor(returnCode), operation, CardError::Source::Pcsc, returnCode);
}

QString PcscErrors::name(quint32 returnCode)
{
    if (returnCode == static_cast<quint32>(SCARD_S_SUCCESS))
        return QStringLiteral("SCARD_S_SUCCESS");
    const KnownCode* known = find(returnCode);
    if (known)
        return QString::fromLatin1(known->name);
    return QStringLiteral("0x") +
           QString::number(returnCode, 16).toUpper().rightJustified(8, QLatin1Char('0'));
}

} // namespace dcc::card
