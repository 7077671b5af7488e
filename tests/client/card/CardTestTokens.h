#pragma once

#include "common/Bytes.h"

#include <QByteArray>
#include <QString>

namespace dcc::test {

/// The SoftHSM tokens the card suites use (made by CTest fixtures, used through this
/// process's own copies: PrivateTokenCopy), and the switch between them: SoftHSM reads
/// SOFTHSM2_CONF when it is initialised, so a test selects a token before loading the
/// module and releases the module before selecting another.
struct CardTestToken
{
    QString directory;   // the fixture's
    QString softHsmConf; // the process's copy's
    QString label;
    QByteArray pin;

    static constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";

    /// Jean Dupont's CPS look-alike (RSA; CPS_PRIV_AUT 01, CPS_PRIV_SIG 02).
    static CardTestToken cps();
    /// Paul Leroy's P-256 CPS look-alike.
    static CardTestToken cpsEc();
    /// Jean Dupont's pairs under plain labels, signature pair first (IDs 0b, then 0a).
    static CardTestToken plain();
    /// A signature key and certificate only.
    static CardTestToken signatureOnly();

    /// Puts SOFTHSM2_CONF in the environment.
    void select() const;
};

/// The test PKI's file as QByteArray.
QByteArray pkiFile(const QString& name);
QByteArray toQByteArray(const dcc::Bytes& bytes);
dcc::Bytes toBytes(const QByteArray& bytes);

} // namespace dcc::test
