#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace dcc::card {

class Pkcs11Module;

/// Everything a loaded module shows without a PIN, slot by slot: for the diagnostics, which
/// must show more than token discovery keeps (every slot, every certificate, the signing
/// mechanisms). Reads only; never logs in.
class Pkcs11Inventory
{
public:
    struct Certificate
    {
        QByteArray id; ///< CKA_ID
        QString label;
        QByteArray der;
    };

    struct Slot
    {
        quint64 id = 0;
        QString description;
        bool tokenPresent = false;
        bool tokenInitialized = false;
        QString label;
        QString model;
        QString serialNumber;
        QString manufacturer;
        quint64 tokenFlags = 0; ///< CKF_* token flags
        QList<Certificate> certificates;
        /// Mechanisms with CKF_SIGN, by name ("CKM_RSA_PKCS", or "0x…" for others).
        QStringList signMechanisms;
        bool canSignRsaPkcs = false; ///< CKM_RSA_PKCS with CKF_SIGN: RS256 logins
        bool canSignEcdsa = false;   ///< CKM_ECDSA with CKF_SIGN: ES256 logins
        /// What could not be read on this slot (English); empty when all was.
        QString problem;
    };

    /// All slots of `module`, with or without a token. Throws CardException when the slot
    /// list itself cannot be read; a failure on one slot goes into its `problem`.
    static QList<Slot> slotsOf(const Pkcs11Module& module);
};

} // namespace dcc::card
