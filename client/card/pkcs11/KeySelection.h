#pragma once

#include "common/CpsCertificate.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dcc::card {

/// Chooses the authentication key of a token, never its signature key (DESIGN.md): the
/// private key labelled CPS_PRIV_AUT, or else the key whose certificate has digitalSignature
/// and not nonRepudiation; key and certificate are paired by CKA_ID. Pure, so that the rule
/// is tested on its own; the token code feeds it what the token shows.
class KeySelection
{
public:
    static constexpr const char* kAuthenticationKeyLabel = "CPS_PRIV_AUT";
    static constexpr const char* kSignatureKeyLabel = "CPS_PRIV_SIG";

    struct Certificate
    {
        QByteArray id; ///< CKA_ID
        QString label;
        bool decodable = false; ///< an X.509 certificate common/ could read
        dcc::KeyUsage keyUsage;
    };

    struct Key
    {
        QByteArray id;
        QString label;
    };

    /// Index of the login certificate in `certificates`, or nothing. `keys` are the private
    /// keys the token shows (often none before login: then the certificate alone decides,
    /// and the key with its CKA_ID is looked for after login).
    static std::optional<qsizetype> chooseCertificate(const QList<Certificate>& certificates,
                                                      const QList<Key>& keys);

    /// Among private keys with the chosen CKA_ID: the one to sign with (never one labelled
    /// CPS_PRIV_SIG; CPS_PRIV_AUT first), or nothing.
    static std::optional<qsizetype> chooseKey(const QList<Key>& keysWithId);

    /// digitalSignature and not nonRepudiation, as the certificate declares it.
    static bool isLoginUsage(const dcc::KeyUsage& usage);
};

} // namespace dcc::card
