#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace dcc::card {

/// What the token says about its user PIN, read from the PKCS#11 token flags. A CPS card
/// allows 3 tries: after a wrong PIN the flags say "count low", before the last try "final
/// try", and after the third "locked" (unblocking needs the 8-digit PUK, outside this app).
struct PinState
{
    enum class Tries
    {
        Unknown, ///< no flag set: full count, or a token that does not count
        CountLow,
        FinalTry,
        Locked,
    };

    Tries tries = Tries::Unknown;
    /// CKF_PROTECTED_AUTHENTICATION_PATH: a PIN-pad reader; C_Login gets no PIN and the
    /// user types it on the reader.
    bool pinPad = false;
    /// CKF_USER_PIN_TO_BE_CHANGED: the card must be unblocked/renewed with the ANS tools.
    bool toBeChanged = false;

    /// From CK_TOKEN_INFO.flags. When several tries flags are set, the most severe wins.
    static PinState fromTokenFlags(quint64 flags);

    [[nodiscard]] bool isLocked() const noexcept { return tries == Tries::Locked; }
    /// Stable code for logs and reports ("count_low").
    static const char* triesCode(Tries tries);

    friend bool operator==(const PinState&, const PinState&) = default;
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::PinState)
