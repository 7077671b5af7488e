#pragma once

#include "common/SignatureAlgorithm.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace dcc::card {

/// What the login sends to POST /api/v1/auth/cps/verify: the authentication certificate, the
/// signature of the challenge, and its algorithm.
struct SignatureResult
{
    QByteArray certificateDer;
    /// RS256: the PKCS#1 v1.5 signature (modulus size). ES256: the DER ECDSA-Sig-Value
    /// SEQUENCE { r, s }, converted from PKCS#11's r || s.
    QByteArray signature;
    dcc::SignatureAlgorithm algorithm = dcc::SignatureAlgorithm::RS256;

    /// "RS256" / "ES256", the protocol's `algorithm` field.
    [[nodiscard]] QString algorithmName() const
    {
        const std::string_view name = dcc::signatureAlgorithmName(algorithm);
        return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    }
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::SignatureResult)
