#pragma once

#include "common/Bytes.h"
#include "common/SignatureAlgorithm.h"

#include <string_view>

namespace dcc {

enum class SignatureCheck
{
    Valid,
    Invalid,      ///< wrong signature, wrong origin or nonce, or wrong length
    KeyMismatch,  ///< the algorithm does not fit the key (ES256 with an RSA key, …)
    WeakKey,      ///< RSA under 2048 bits, or an EC curve other than P-256
    MalformedKey, ///< the public key does not decode
};

/// Checks a CPS challenge signature (see CpsChallenge) with the public key of the
/// certificate the client sent.
class ChallengeSignature
{
public:
    static constexpr int kMinRsaBits = 2048;

    /// `subjectPublicKeyInfo` is the DER SubjectPublicKeyInfo (CpsCertificate::publicKeyInfo).
    /// `origin` must be the verifier's own idea of its origin, never one from the request.
    static SignatureCheck verify(ByteView subjectPublicKeyInfo, SignatureAlgorithm algorithm,
                                 std::string_view origin, std::string_view nonce,
                                 ByteView signature);

    static std::string_view checkCode(SignatureCheck check);
};

} // namespace dcc
