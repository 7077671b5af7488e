#include "client/card/CardError.h"

#include "client/card/pcsc/PcscErrors.h"
#include "client/card/pkcs11/Pkcs11Errors.h"

#include <QStringList>

namespace dcc::card {

CardError::CardError(Code code, QString operation, Source source, quint64 nativeCode)
    : m_code(code)
    , m_source(source)
    , m_nativeCode(nativeCode)
    , m_operation(std::move(operation))
{}

CardError& CardError::setDetail(QString detail)
{
    m_detail = std::move(detail);
    return *this;
}

CardError& CardError::setPinState(const PinState& state)
{
    m_pinState = state;
    return *this;
}

bool CardError::isRetriable(Code code) noexcept
{
    switch (code) {
    case Code::ServiceNotRunning: // start the service
    case Code::NoReaders:         // plug a reader in
    case Code::NoCard:            // insert the card
    case Code::CardRemoved:
    case Code::CardReset:
    case Code::ReaderUnavailable:
    case Code::SharingViolation: // close the other application
    case Code::CardUnresponsive: // take the card out and put it back
    case Code::Cancelled:
    case Code::Timeout:
    case Code::TokenNotPresent:
    case Code::PinIncorrect:
    case Code::PinIncorrectFinalTry:
    case Code::PinInvalid:
    case Code::PinPadCancelled:
    case Code::DeviceError:
        return true;
    case Code::PcscFailure:
    case Code::ModuleNotFound:
    case Code::ModuleLoadFailed:
    case Code::CardUnsupported:
    case Code::NoAuthenticationKey:
    case Code::MechanismNotSupported:
    case Code::PinLocked: // only the unblocking code, with the ANS tools, helps
    case Code::PinExpired:
    case Code::Pkcs11Failure:
    case Code::Internal:
        return false;
    }
    return false;
}

const char* CardError::codeName(Code code)
{
    switch (code) {
    case Code::ServiceNotRunning:
        return "service_not_running";
    case Code::NoReaders:
        return "no_readers";
    case Code::NoCard:
        return "no_card";
    case Code::CardRemoved:
        return "card_removed";
    case Code::CardReset:
        return "card_reset";
    case Code::ReaderUnavailable:
        return "reader_unavailable";
    case Code::SharingViolation:
        return "sharing_violation";
    case Code::CardUnresponsive:
        return "card_unresponsive";
    case Code::CardUnsupported:
        return "card_unsupported";
    case Code::Cancelled:
        return "cancelled";
    case Code::Timeout:
        return "timeout";
    case Code::PcscFailure:
        return "pcsc_failure";
    case Code::ModuleNotFound:
        return "module_not_found";
    case Code::ModuleLoadFailed:
        return "module_load_failed";
    case Code::TokenNotPresent:
        return "token_not_present";
    case Code::NoAuthenticationKey:
        return "no_authentication_key";
    case Code::MechanismNotSupported:
        return "mechanism_not_supported";
    case Code::PinIncorrect:
        return "pin_incorrect";
    case Code::PinIncorrectFinalTry:
        return "pin_incorrect_final_try";
    case Code::PinLocked:
        return "pin_locked";
    case Code::PinInvalid:
        return "pin_invalid";
    case Code::PinExpired:
        return "pin_expired";
    case Code::PinPadCancelled:
        return "pin_pad_cancelled";
    case Code::DeviceError:
        return "device_error";
    case Code::Pkcs11Failure:
        return "pkcs11_failure";
    case Code::Internal:
        return "internal";
    }
    return "internal";
}

QString CardError::nativeCodeName() const
{
    switch (m_source) {
    case Source::Pcsc:
        return PcscErrors::name(static_cast<quint32>(m_nativeCode));
    case Source::Pkcs11:
        return Pkcs11Errors::name(m_nativeCode);
    case Source::System:
    case Source::None:
        break;
    }
    return {};
}

QString CardError::description() const
{
    static const char* const kTexts[] = {
        "the smart card service (pcscd) is not running",
        "no smart card reader is connected",
        "no card in the reader",
        "the card was removed",
        "the card was reset by another application",
        "the reader is not available",
        "another application is using the card exclusively",
        "the card does not answer",
        "this card is not supported",
        "the operation was cancelled",
        "the operation timed out",
        "the smart card service failed",
        "no PKCS#11 module was found",
        "the PKCS#11 module could not be loaded",
        "no token is present",
        "the card has no authentication key",
        "the card does not support the signature mechanism",
        "the PIN is incorrect",
        "the PIN is incorrect; one try left",
        "the PIN is locked",
        "the PIN has an invalid format",
        "the PIN has expired",
        "PIN entry on the reader was cancelled",
        "the card or reader reported an error",
        "the PKCS#11 module failed",
        "internal error in the card layer",
    };
    static_assert(std::size(kTexts) == static_cast<std::size_t>(Code::Internal) + 1);

    QString text = QString::fromLatin1(kTexts[static_cast<std::size_t>(m_code)]);
    QStringList context;
    if (!m_operation.isEmpty())
        context << m_operation;
    const QString native = nativeCodeName();
    if (!native.isEmpty())
        context << native;
    if (!m_detail.isEmpty())
        context << m_detail;
    if (m_pinState.tries != PinState::Tries::Unknown)
        context << QStringLiteral("PIN %1").arg(
            QLatin1String(PinState::triesCode(m_pinState.tries)));
    if (!context.isEmpty())
        text += QStringLiteral(" (") + context.join(QStringLiteral(": ")) + QLatin1Char(')');
    return text;
}

} // namespace dcc::card
