#pragma once

#include "client/card/PinState.h"

#include <QMetaType>
#include <QString>

namespace dcc::card {

/// A failure of the card layer, typed so that the UI can say what happened in French and
/// what to do (the text lives in the UI; this layer only has codes and an English
/// developer description for logs and the diagnostics report).
///
/// PC/SC return codes and PKCS#11 CKR_* values are mapped to codes at one place each
/// (PcscErrors, Pkcs11Errors); the original value stays available as nativeCode().
class CardError
{
public:
    enum class Code
    {
        // PC/SC
        ServiceNotRunning, ///< no pcscd / Windows smart card service, or it stopped
        NoReaders,
        NoCard,
        CardRemoved, ///< also CKR_DEVICE_REMOVED, and CKR_GENERAL_ERROR just after a removal
        CardReset,
        ReaderUnavailable,
        SharingViolation, ///< another application holds the card exclusively
        CardUnresponsive,
        CardUnsupported,
        Cancelled,
        Timeout,
        PcscFailure, ///< any other SCARD_* code
                     // PKCS#11 module
        ModuleNotFound,
        ModuleLoadFailed, ///< not a library, no C_GetFunctionList, C_Initialize refused
                          // token and key
        TokenNotPresent,
        NoAuthenticationKey, ///< the token has no login key (never the signature key)
        MechanismNotSupported,
        // PIN
        PinIncorrect,
        PinIncorrectFinalTry, ///< wrong PIN, and the next wrong one locks the card
        PinLocked,
        PinInvalid, ///< not a PIN the card can take (length, characters)
        PinExpired,
        PinPadCancelled, ///< cancelled or timed out on the PIN-pad reader
        DeviceError,     ///< the card or reader failed and is still there
        Pkcs11Failure,   ///< any other CKR_* value
        Internal,
    };

    /// Where nativeCode() comes from.
    enum class Source
    {
        None,
        Pcsc,   ///< a PC/SC return code (SCARD_*)
        Pkcs11, ///< a PKCS#11 return value (CKR_*)
        System, ///< the dynamic loader (detail() says why)
    };

    CardError() = default;
    explicit CardError(Code code, QString operation = {}, Source source = Source::None,
                       quint64 nativeCode = 0);

    [[nodiscard]] Code code() const noexcept { return m_code; }
    [[nodiscard]] Source source() const noexcept { return m_source; }
    [[nodiscard]] quint64 nativeCode() const noexcept { return m_nativeCode; }
    /// The call or step that failed ("SCardEstablishContext", "C_Login", "load module").
    [[nodiscard]] const QString& operation() const noexcept { return m_operation; }
    /// Free developer text: a module path, the loader's message.
    [[nodiscard]] const QString& detail() const noexcept { return m_detail; }
    CardError& setDetail(QString detail);
    /// For PIN errors: the token's PIN state read after the failure.
    [[nodiscard]] const PinState& pinState() const noexcept { return m_pinState; }
    CardError& setPinState(const PinState& state);

    /// Retriable errors go away by themselves or by a user action (insert the card, type the
    /// PIN again, start the service); fatal ones need support (locked PIN, no module, …).
    [[nodiscard]] bool isRetriable() const noexcept { return isRetriable(m_code); }
    static bool isRetriable(Code code) noexcept;

    /// Stable snake_case code for logs, reports and translations ("pin_incorrect").
    static const char* codeName(Code code);
    /// The symbolic name of the native code ("SCARD_E_NO_SERVICE", "CKR_PIN_INCORRECT").
    [[nodiscard]] QString nativeCodeName() const;
    /// English, for developers and the diagnostics report; never shown as the UI message.
    [[nodiscard]] QString description() const;

    friend bool operator==(const CardError&, const CardError&) = default;

private:
    Code m_code = Code::Internal;
    Source m_source = Source::None;
    quint64 m_nativeCode = 0;
    QString m_operation;
    QString m_detail;
    PinState m_pinState;
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::CardError)
