// What the card layer says happened: PC/SC return codes, PKCS#11 return values and token
// flags mapped to typed errors and PIN states (the UI turns those into French messages).

#include "client/card/CardError.h"
#include "client/card/PinState.h"
#include "client/card/pcsc/PcscErrors.h"
#include "client/card/pkcs11/Pkcs11Errors.h"

#include <QtTest>
#include <p11-kit/pkcs11.h>
#include <winscard.h>

using dcc::card::CardError;
using dcc::card::PcscErrors;
using dcc::card::PinState;
using dcc::card::Pkcs11Errors;
using Code = CardError::Code;
using Tries = PinState::Tries;

Q_DECLARE_METATYPE(Code)
Q_DECLARE_METATYPE(Tries)

namespace {

quint32 pcsc(LONG code)
{
    return static_cast<quint32>(code);
}

} // namespace

class TestCardErrors : public QObject
{
    Q_OBJECT

private slots:
    void pcscCodes_data()
    {
        QTest::addColumn<quint32>("returnCode");
        QTest::addColumn<Code>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("no service")
            << pcsc(SCARD_E_NO_SERVICE) << Code::ServiceNotRunning << "SCARD_E_NO_SERVICE";
        QTest::newRow("service stopped") << pcsc(SCARD_E_SERVICE_STOPPED) << Code::ServiceNotRunning
                                         << "SCARD_E_SERVICE_STOPPED";
        QTest::newRow("no readers") << pcsc(SCARD_E_NO_READERS_AVAILABLE) << Code::NoReaders
                                    << "SCARD_E_NO_READERS_AVAILABLE";
        QTest::newRow("no card") << pcsc(SCARD_E_NO_SMARTCARD) << Code::NoCard
                                 << "SCARD_E_NO_SMARTCARD";
        QTest::newRow("card removed")
            << pcsc(SCARD_W_REMOVED_CARD) << Code::CardRemoved << "SCARD_W_REMOVED_CARD";
        QTest::newRow("card reset")
            << pcsc(SCARD_W_RESET_CARD) << Code::CardReset << "SCARD_W_RESET_CARD";
        QTest::newRow("reader unavailable")
            << pcsc(SCARD_E_READER_UNAVAILABLE) << Code::ReaderUnavailable
            << "SCARD_E_READER_UNAVAILABLE";
        QTest::newRow("unknown reader")
            << pcsc(SCARD_E_UNKNOWN_READER) << Code::ReaderUnavailable << "SCARD_E_UNKNOWN_READER";
        QTest::newRow("sharing violation") << pcsc(SCARD_E_SHARING_VIOLATION)
                                           << Code::SharingViolation << "SCARD_E_SHARING_VIOLATION";
        QTest::newRow("unresponsive card") << pcsc(SCARD_W_UNRESPONSIVE_CARD)
                                           << Code::CardUnresponsive << "SCARD_W_UNRESPONSIVE_CARD";
        QTest::newRow("unsupported card") << pcsc(SCARD_E_CARD_UNSUPPORTED) << Code::CardUnsupported
                                          << "SCARD_E_CARD_UNSUPPORTED";
        QTest::newRow("cancelled")
            << pcsc(SCARD_E_CANCELLED) << Code::Cancelled << "SCARD_E_CANCELLED";
        QTest::newRow("timeout") << pcsc(SCARD_E_TIMEOUT) << Code::Timeout << "SCARD_E_TIMEOUT";
        QTest::newRow("invalid handle")
            << pcsc(SCARD_E_INVALID_HANDLE) << Code::PcscFailure << "SCARD_E_INVALID_HANDLE";
        QTest::newRow("unknown code") << quint32{0x80100099} << Code::PcscFailure << "0x80100099";
    }
    void pcscCodes()
    {
        QFETCH(quint32, returnCode);
        QFETCH(Code, code);
        QFETCH(QString, name);
        QCOMPARE(PcscErrors::codeFor(returnCode), code);
        const CardError error = PcscErrors::fromReturnCode(returnCode, "SCardConnect");
        QCOMPARE(error.code(), code);
        QCOMPARE(error.source(), CardError::Source::Pcsc);
        QCOMPARE(error.nativeCode(), quint64{returnCode});
        QCOMPARE(error.nativeCodeName(), name);
        QCOMPARE(PcscErrors::name(returnCode), name);
        QVERIFY2(error.description().contains("SCardConnect") && error.description().contains(name),
                 qPrintable(error.description()));
    }

    void tokenFlagsGivePinState_data()
    {
        QTest::addColumn<quint64>("flags");
        QTest::addColumn<Tries>("tries");
        QTest::addColumn<bool>("pinPad");
        QTest::addColumn<bool>("toBeChanged");
        const quint64 base = CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED;
        QTest::newRow("fresh") << base << Tries::Unknown << false << false;
        QTest::newRow("count low")
            << (base | CKF_USER_PIN_COUNT_LOW) << Tries::CountLow << false << false;
        QTest::newRow("final try")
            << (base | CKF_USER_PIN_FINAL_TRY) << Tries::FinalTry << false << false;
        QTest::newRow("locked") << (base | CKF_USER_PIN_LOCKED) << Tries::Locked << false << false;
        // Modules may leave the milder flags set: the most severe one counts.
        QTest::newRow("count low and final try")
            << (base | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY) << Tries::FinalTry << false
            << false;
        QTest::newRow("all three")
            << (base | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED)
            << Tries::Locked << false << false;
        QTest::newRow("PIN pad") << (base | CKF_PROTECTED_AUTHENTICATION_PATH) << Tries::Unknown
                                 << true << false;
        QTest::newRow("PIN pad, final try")
            << (base | CKF_PROTECTED_AUTHENTICATION_PATH | CKF_USER_PIN_FINAL_TRY)
            << Tries::FinalTry << true << false;
        QTest::newRow("to be changed")
            << (base | CKF_USER_PIN_TO_BE_CHANGED) << Tries::Unknown << false << true;
    }
    void tokenFlagsGivePinState()
    {
        QFETCH(quint64, flags);
        QFETCH(Tries, tries);
        QFETCH(bool, pinPad);
        QFETCH(bool, toBeChanged);
        const PinState state = PinState::fromTokenFlags(flags);
        QCOMPARE(state.tries, tries);
        QCOMPARE(state.pinPad, pinPad);
        QCOMPARE(state.toBeChanged, toBeChanged);
        QCOMPARE(state.isLocked(), tries == Tries::Locked);
    }

    void pkcs11Values_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<bool>("removalObserved");
        QTest::addColumn<Code>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("PIN incorrect")
            << quint64{CKR_PIN_INCORRECT} << false << Code::PinIncorrect << "CKR_PIN_INCORRECT";
        QTest::newRow("PIN locked")
            << quint64{CKR_PIN_LOCKED} << false << Code::PinLocked << "CKR_PIN_LOCKED";
        QTest::newRow("PIN length")
            << quint64{CKR_PIN_LEN_RANGE} << false << Code::PinInvalid << "CKR_PIN_LEN_RANGE";
        QTest::newRow("PIN invalid")
            << quint64{CKR_PIN_INVALID} << false << Code::PinInvalid << "CKR_PIN_INVALID";
        QTest::newRow("PIN expired")
            << quint64{CKR_PIN_EXPIRED} << false << Code::PinExpired << "CKR_PIN_EXPIRED";
        QTest::newRow("PIN pad cancelled") << quint64{CKR_FUNCTION_CANCELED} << false
                                           << Code::PinPadCancelled << "CKR_FUNCTION_CANCELED";
        QTest::newRow("token not present") << quint64{CKR_TOKEN_NOT_PRESENT} << false
                                           << Code::TokenNotPresent << "CKR_TOKEN_NOT_PRESENT";
        QTest::newRow("device removed")
            << quint64{CKR_DEVICE_REMOVED} << false << Code::CardRemoved << "CKR_DEVICE_REMOVED";
        QTest::newRow("mechanism invalid")
            << quint64{CKR_MECHANISM_INVALID} << false << Code::MechanismNotSupported
            << "CKR_MECHANISM_INVALID";
        QTest::newRow("key function not permitted")
            << quint64{CKR_KEY_FUNCTION_NOT_PERMITTED} << false << Code::MechanismNotSupported
            << "CKR_KEY_FUNCTION_NOT_PERMITTED";
        QTest::newRow("token not recognized")
            << quint64{CKR_TOKEN_NOT_RECOGNIZED} << false << Code::CardUnsupported
            << "CKR_TOKEN_NOT_RECOGNIZED";
        QTest::newRow("host memory")
            << quint64{CKR_HOST_MEMORY} << false << Code::Internal << "CKR_HOST_MEMORY";
        QTest::newRow("unknown value")
            << quint64{0x1234} << false << Code::Pkcs11Failure << "0x00001234";
        // Cryptolib CPS answers CKR_GENERAL_ERROR when the card leaves during a call: with a
        // removal seen, it means the card was removed; with the card still there, the card
        // or reader failed.
        QTest::newRow("general error, card still there")
            << quint64{CKR_GENERAL_ERROR} << false << Code::DeviceError << "CKR_GENERAL_ERROR";
        QTest::newRow("general error after a removal")
            << quint64{CKR_GENERAL_ERROR} << true << Code::CardRemoved << "CKR_GENERAL_ERROR";
        QTest::newRow("device error after a removal")
            << quint64{CKR_DEVICE_ERROR} << true << Code::CardRemoved << "CKR_DEVICE_ERROR";
        QTest::newRow("session closed after a removal")
            << quint64{CKR_SESSION_HANDLE_INVALID} << true << Code::CardRemoved
            << "CKR_SESSION_HANDLE_INVALID";
        QTest::newRow("token not present after a removal")
            << quint64{CKR_TOKEN_NOT_PRESENT} << true << Code::CardRemoved
            << "CKR_TOKEN_NOT_PRESENT";
        // A removal does not turn every error into "removed".
        QTest::newRow("wrong PIN after a removal")
            << quint64{CKR_PIN_INCORRECT} << true << Code::PinIncorrect << "CKR_PIN_INCORRECT";
        QTest::newRow("mechanism after a removal")
            << quint64{CKR_MECHANISM_INVALID} << true << Code::MechanismNotSupported
            << "CKR_MECHANISM_INVALID";
    }
    void pkcs11Values()
    {
        QFETCH(quint64, value);
        QFETCH(bool, removalObserved);
        QFETCH(Code, code);
        QFETCH(QString, name);
        QCOMPARE(Pkcs11Errors::codeFor(value, removalObserved), code);
        const CardError error = Pkcs11Errors::fromReturnValue(value, "C_Sign", removalObserved);
        QCOMPARE(error.code(), code);
        QCOMPARE(error.source(), CardError::Source::Pkcs11);
        QCOMPARE(error.nativeCode(), value);
        QCOMPARE(error.nativeCodeName(), name);
        QVERIFY2(error.description().contains("C_Sign"), qPrintable(error.description()));
    }

    // After CKR_PIN_INCORRECT the token flags tell "try again", "last try" or "locked".
    void wrongPinWithTheStateAfter_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<quint64>("flagsAfter");
        QTest::addColumn<Code>("code");
        QTest::addColumn<bool>("retriable");
        QTest::newRow("count low") << quint64{CKR_PIN_INCORRECT} << quint64{CKF_USER_PIN_COUNT_LOW}
                                   << Code::PinIncorrect << true;
        QTest::newRow("final try") << quint64{CKR_PIN_INCORRECT}
                                   << quint64{CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY}
                                   << Code::PinIncorrectFinalTry << true;
        QTest::newRow("now locked") << quint64{CKR_PIN_INCORRECT} << quint64{CKF_USER_PIN_LOCKED}
                                    << Code::PinLocked << false;
        QTest::newRow("was locked")
            << quint64{CKR_PIN_LOCKED} << quint64{CKF_USER_PIN_LOCKED} << Code::PinLocked << false;
        QTest::newRow("no flags") << quint64{CKR_PIN_INCORRECT} << quint64{0} << Code::PinIncorrect
                                  << true;
    }
    void wrongPinWithTheStateAfter()
    {
        QFETCH(quint64, value);
        QFETCH(quint64, flagsAfter);
        QFETCH(Code, code);
        QFETCH(bool, retriable);
        const PinState after = PinState::fromTokenFlags(flagsAfter);
        const CardError error = Pkcs11Errors::fromReturnValue(value, "C_Login", false, after);
        QCOMPARE(error.code(), code);
        QCOMPARE(error.pinState(), after);
        QCOMPARE(error.isRetriable(), retriable);
    }

    void retriableOrFatal_data()
    {
        QTest::addColumn<Code>("code");
        QTest::addColumn<bool>("retriable");
        QTest::newRow("service not running") << Code::ServiceNotRunning << true;
        QTest::newRow("no readers") << Code::NoReaders << true;
        QTest::newRow("card removed") << Code::CardRemoved << true;
        QTest::newRow("token not present") << Code::TokenNotPresent << true;
        QTest::newRow("sharing violation") << Code::SharingViolation << true;
        QTest::newRow("PIN incorrect") << Code::PinIncorrect << true;
        QTest::newRow("PIN pad cancelled") << Code::PinPadCancelled << true;
        QTest::newRow("PIN locked") << Code::PinLocked << false;
        QTest::newRow("module not found") << Code::ModuleNotFound << false;
        QTest::newRow("module load failed") << Code::ModuleLoadFailed << false;
        QTest::newRow("mechanism") << Code::MechanismNotSupported << false;
        QTest::newRow("no authentication key") << Code::NoAuthenticationKey << false;
        QTest::newRow("internal") << Code::Internal << false;
    }
    void retriableOrFatal()
    {
        QFETCH(Code, code);
        QFETCH(bool, retriable);
        QCOMPARE(CardError::isRetriable(code), retriable);
        QCOMPARE(CardError(code).isRetriable(), retriable);
    }

    // Every code has its own stable name (the UI's translation key) and an English text.
    void everyCodeIsNamedAndDescribed()
    {
        QSet<QString> names;
        for (int i = 0; i <= static_cast<int>(Code::Internal); ++i) {
            const auto code = static_cast<Code>(i);
            const QString name = QString::fromLatin1(CardError::codeName(code));
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QVERIFY(!CardError(code).description().isEmpty());
        }
        QCOMPARE(CardError::codeName(Code::PinIncorrectFinalTry), "pin_incorrect_final_try");
        QCOMPARE(CardError::codeName(Code::CardRemoved), "card_removed");
    }

    void descriptionNamesWhatFailed()
    {
        CardError error(Code::ModuleLoadFailed, "load module", CardError::Source::System);
        error.setDetail("/opt/x.so: not a PKCS#11 module");
        QCOMPARE(error.description(), QStringLiteral("the PKCS#11 module could not be loaded "
                                                     "(load module: /opt/x.so: not a PKCS#11 "
                                                     "module)"));
        const CardError pin = Pkcs11Errors::fromReturnValue(
            CKR_PIN_INCORRECT, "C_Login", false, PinState::fromTokenFlags(CKF_USER_PIN_COUNT_LOW));
        QCOMPARE(
            pin.description(),
            QStringLiteral("the PIN is incorrect (C_Login: CKR_PIN_INCORRECT: PIN count_low)"));
    }
};

QTEST_APPLESS_MAIN(TestCardErrors)
#include "TestCardErrors.moc"
