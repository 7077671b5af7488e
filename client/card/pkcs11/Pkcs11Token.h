#pragma once

#include "client/card/PinState.h"
#include "client/card/SignatureResult.h"
#include "client/card/TokenInfo.h"
#include "common/CpsChallenge.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace dcc::card {

class Pkcs11Module;

/// The token in one slot of a loaded module: what it is, its login certificate, and the
/// challenge signature. Every session and login is closed by a scope guard, also when a
/// call fails; every failure is a CardException with a typed code.
///
/// Blocking (a PIN-pad login waits for the user): call it from the card worker thread only.
class Pkcs11Token
{
public:
    /// Says whether the card was removed since the current operation began (the PC/SC
    /// monitor's removal count moved); the slot's own "token present" flag is checked too.
    using RemovalProbe = std::function<bool()>;

    Pkcs11Token(std::shared_ptr<Pkcs11Module> module, quint64 slotId,
                RemovalProbe removedSinceStart = {});

    /// Slot and token information, PIN state and the authentication certificate with its
    /// holder (read without login: certificates are public objects). Throws CardException:
    /// TokenNotPresent (no token, or a blank one), NoAuthenticationKey,
    /// MechanismNotSupported (neither an RSA nor a P-256 key).
    [[nodiscard]] TokenInfo describe() const;

    /// The PIN state from the current token flags.
    [[nodiscard]] PinState pinState() const;

    /// True when the slot still holds a token. Never throws.
    [[nodiscard]] bool tokenPresent() const noexcept;

    /// Logs in, signs the challenge digest with the authentication key of `token` (found by
    /// describe(), on this slot), logs out.
    ///
    /// RSA keys: CKM_RSA_PKCS over the SHA-256 DigestInfo of `digest` (RS256), the only
    /// mechanism CPS3 authentication keys take. EC keys: CKM_ECDSA over `digest`, returned
    /// DER-encoded (ES256).
    ///
    /// `pin` is ignored on a PIN-pad reader (CKF_PROTECTED_AUTHENTICATION_PATH): C_Login gets
    /// no PIN and `onPinPad` is called just before, so that the UI can tell the user to type
    /// it on the reader. `pin` is overwritten with zeros and emptied before this returns or
    /// throws; pass the only copy (std::move it in), or the wipe reaches only this one.
    ///
    /// Throws CardException: PinIncorrect / PinIncorrectFinalTry / PinLocked with the PIN
    /// state read after the failure, CardRemoved (also for CKR_GENERAL_ERROR after a
    /// removal, and when another card is now in the slot), MechanismNotSupported, …
    [[nodiscard]] SignatureResult signChallenge(const TokenInfo& token,
                                                const dcc::CpsChallenge::Sha256& digest,
                                                QByteArray& pin,
                                                const std::function<void()>& onPinPad = {}) const;

private:
    /// The removal probe the chokepoint uses: the caller's, then the slot's token flag.
    [[nodiscard]] bool removed() const;

    std::shared_ptr<Pkcs11Module> m_module;
    quint64 m_slotId = 0;
    RemovalProbe m_removedSinceStart;
};

} // namespace dcc::card
