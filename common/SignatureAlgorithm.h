#pragma once

#include <optional>
#include <string_view>

namespace dcc {

/// The JWA names of the signatures a login may carry. CPS cards make RS256 (CKM_RSA_PKCS
/// over a DigestInfo); PS256 and ES256 let other tokens work. ES256 signatures are taken in
/// the JWS form r || s (64 bytes, what PKCS#11's CKM_ECDSA returns) or DER-encoded
/// (ECDSA-Sig-Value, canonical encoding only).
enum class SignatureAlgorithm
{
    RS256,
    PS256,
    ES256,
};

std::optional<SignatureAlgorithm> parseSignatureAlgorithm(std::string_view name);
std::string_view signatureAlgorithmName(SignatureAlgorithm algorithm);

} // namespace dcc
