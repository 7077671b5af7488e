#include "client/card/pkcs11/Pkcs11Errors.h"

#include <p11-kit/pkcs11.h>

#include <array>

namespace dcc::card {

namespace {

using C = CardError::Code;

struct KnownValue
{
    CK_RV value;
    const char* name;
    C code;
};

// What each value means for a login. The removal-sensitive ones (see mayMeanRemoval) are
// listed with what they mean while the card is still there.
constexpr std::array<KnownValue, 45> kValues = {{
    {CKR_OK, "CKR_OK", C::Internal},
    {CKR_CANCEL, "CKR_CANCEL", C::PinPadCancelled},
    {CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED", C::PinPadCancelled},
    {CKR_HOST_MEMORY, "CKR_HOST_MEMORY", C::Internal},
    {CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY", C::DeviceError},
    {CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD", C::Internal},
    {CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL", C::Internal},
    {CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID", C::TokenNotPresent},
    {CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR", C::DeviceError},
    {CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR", C::DeviceError},
    {CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED", C::Pkcs11Failure},
    {CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED", C::CardRemoved},
    {CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT", C::TokenNotPresent},
    {CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED", C::CardUnsupported},
    {CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID", C::Pkcs11Failure},
    {CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED", C::Pkcs11Failure},
    {CKR_SESSION_COUNT, "CKR_SESSION_COUNT", C::Pkcs11Failure},
    {CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT", C::PinIncorrect},
    {CKR_PIN_INVALID, "CKR_PIN_INVALID", C::PinInvalid},
    {CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE", C::PinInvalid},
    {CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED", C::PinExpired},
    {CKR_PIN_LOCKED, "CKR_PIN_LOCKED", C::PinLocked},
    {CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED", C::Pkcs11Failure},
    {CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN", C::Pkcs11Failure},
    {CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN", C::Pkcs11Failure},
    {CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN", C::SharingViolation},
    {CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID", C::Pkcs11Failure},
    {CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID", C::MechanismNotSupported},
    {CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID", C::MechanismNotSupported},
    {CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT", C::MechanismNotSupported},
    {CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED", C::MechanismNotSupported},
    {CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE", C::MechanismNotSupported},
    {CKR_CURVE_NOT_SUPPORTED, "CKR_CURVE_NOT_SUPPORTED", C::MechanismNotSupported},
    {CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE", C::MechanismNotSupported},
    {CKR_DATA_INVALID, "CKR_DATA_INVALID", C::MechanismNotSupported},
    {CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID", C::Pkcs11Failure},
    {CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID", C::Pkcs11Failure},
    {CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE", C::Pkcs11Failure},
    {CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED", C::Pkcs11Failure},
    {CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED", C::Pkcs11Failure},
    {CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED", C::ModuleLoadFailed},
    {CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED", C::Pkcs11Failure},
    {CKR_CANT_LOCK, "CKR_CANT_LOCK", C::ModuleLoadFailed},
    {CKR_NEED_TO_CREATE_THREADS, "CKR_NEED_TO_CREATE_THREADS", C::ModuleLoadFailed},
    {CKR_LIBRARY_LOAD_FAILED, "CKR_LIBRARY_LOAD_FAILED", C::ModuleLoadFailed},
}};

const KnownValue* find(quint64 returnValue)
{
    for (const auto& known : kValues) {
        if (known.value == returnValue)
            return &known;
    }
    return nullptr;
}

} // namespace

bool Pkcs11Errors::mayMeanRemoval(quint64 returnValue)
{
    switch (returnValue) {
    case CKR_GENERAL_ERROR:
    case CKR_DEVICE_ERROR:
    case CKR_FUNCTION_FAILED:
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SLOT_ID_INVALID:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
    case CKR_OBJECT_HANDLE_INVALID:
    case CKR_KEY_HANDLE_INVALID:
        return true;
    default:
        return false;
    }
}

CardError::Code Pkcs11Errors::codeFor(quint64 returnValue, bool removalObserved,
                                      const std::optional<PinState>& pinAfter)
{
    if (removalObserved && mayMeanRemoval(returnValue))
        return C::CardRemoved;
    if (returnValue == CKR_PIN_INCORRECT && pinAfter) {
        if (pinAfter->tries == PinState::Tries::Locked)
            return C::PinLocked;
        if (pinAfter->tries == PinState::Tries::FinalTry)
            return C::PinIncorrectFinalTry;
    }
    const KnownValue* known = find(returnValue);
    return known ? known->code : C::Pkcs11Failure;
}

CardError Pkcs11Errors::fromReturnValue(quint64 returnValue, const QString& operation,
                                        bool removalObserved,
                                        const std::optional<PinState>& pinAfter)
{
    CardError error(codeFor(returnValue, removalObserved, pinAfter), operation,
                    CardError::Source::Pkcs11, returnValue);
    if (pinAfter)
        error.setPinState(*pinAfter);
    return error;
}

QString Pkcs11Errors::name(quint64 returnValue)
{
    const KnownValue* known = find(returnValue);
    if (known)
        return QString::fromLatin1(known->name);
    return QStringLiteral("0x") +
           QString::number(returnValue, 16).toUpper().rightJustified(8, QLatin1Char('0'));
}

} // namespace dcc::card
