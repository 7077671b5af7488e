#include "client/card/PinState.h"

#include <p11-kit/pkcs11.h>

namespace dcc::card {

PinState PinState::fromTokenFlags(quint64 flags)
{
    PinState state;
    // Most severe first: a module may leave "count low" set once the PIN is locked.
    if (flags & CKF_USER_PIN_LOCKED)
        state.tries = Tries::Locked;
    else if (flags & CKF_USER_PIN_FINAL_TRY)
        state.tries = Tries::FinalTry;
    else if (flags & CKF_USER_PIN_COUNT_LOW)
        state.tries = Tries::CountLow;
    state.pinPad = (flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
    state.toBeChanged = (flags & CKF_USER_PIN_TO_BE_CHANGED) != 0;
    return state;
}

const char* PinState::triesCode(Tries tries)
{
    switch (tries) {
    case Tries::Unknown:
        return "unknown";
    case Tries::CountLow:
        return "count_low";
    case Tries::FinalTry:
        return "final_try";
    case Tries::Locked:
        return "locked";
    }
    return "unknown";
}

} // namespace dcc::card
