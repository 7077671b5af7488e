#pragma once

#include <QMetaType>
#include <QString>

namespace dcc::card {

/// Who the card says it belongs to, read from its authentication certificate: what the login
/// screen shows ("Dr JEAN DUPONT, Médecin") before asking for the PIN. Read by
/// holderFromCertificate() (HolderFromCertificate.h), kept apart: the window shows a holder
/// without loading OpenSSL.
struct CardHolder
{
    /// PS_IdNat (subject CN): type digit then the RPPS or ADELI number. Empty when the CN is
    /// not a well-formed national identifier (a non-CPS token).
    QString nationalIdentifier;
    QString commonName;
    QString givenName;
    QString surname;
    QString profession; ///< subject title, e.g. "Médecin"
    QString organisation;
    QString organisationalUnit;

    /// "JEAN DUPONT"; the common name when the certificate has no given name or surname.
    [[nodiscard]] QString displayName() const;

    friend bool operator==(const CardHolder&, const CardHolder&) = default;
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::CardHolder)
