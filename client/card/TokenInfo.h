#pragma once

#include "client/card/CardHolder.h"
#include "client/card/ModuleProbe.h"
#include "client/card/PinState.h"
#include "common/SignatureAlgorithm.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace dcc::card {

/// A token that can log in, as discovery found it: what the PKCS#11 token says about itself,
/// its PIN, and the authentication certificate with its holder. Everything the login screen
/// needs before asking for the PIN.
struct TokenInfo
{
    // The module it was found through.
    QString modulePath;
    ModuleStep moduleStep = ModuleStep::Configured;

    // CK_SLOT_INFO / CK_TOKEN_INFO (blank padding removed).
    quint64 slotId = 0;
    QString slotDescription; ///< the PC/SC reader name with PC/SC-based modules
    QString label;           ///< "CPS3v3-0012345678" on a CPS card
    QString serialNumber;
    QString model;
    QString manufacturer;
    quint64 flags = 0; ///< CKF_* token flags as the module reported them
    PinState pinState;
    int minPinLength = 0;
    int maxPinLength = 0;

    // The authentication key's certificate (same CKA_ID as the key).
    QByteArray certificateId; ///< CKA_ID
    QString certificateLabel;
    QByteArray certificateDer;
    CardHolder holder;
    /// RS256 for RSA keys (CPS cards), ES256 for P-256 keys.
    dcc::SignatureAlgorithm algorithm = dcc::SignatureAlgorithm::RS256;
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::TokenInfo)
