#pragma once

#include "common/Bytes.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace dcc {

/// What a CPS card signs to log in (DESIGN.md, "CPS challenge signature"), after Web eID:
/// the data is SHA-256(origin) || SHA-256(nonce), bound to the server the client believes
/// it talks to, so that a challenge relayed through another site does not verify.
class CpsChallenge
{
public:
    using Sha256 = std::array<std::uint8_t, 32>;
    static constexpr std::size_t kDigestInfoSize = 51;

    /// SHA-256(origin) || SHA-256(nonce): the 64 bytes that RS256, PS256 and ES256 sign.
    /// `nonce` is the base64 text from the challenge, hashed as it was received.
    static Bytes signedData(std::string_view origin, std::string_view nonce);

    /// SHA-256 of signedData(): the hash the card's key actually signs.
    static Sha256 digest(std::string_view origin, std::string_view nonce);

    /// DER DigestInfo { sha256, digest }: the input of CKM_RSA_PKCS, the only mechanism
    /// CPS3 authentication keys accept (no hash-then-sign on the card).
    static Bytes digestInfo(const Sha256& digest);

    static Sha256 sha256(ByteView data);
};

} // namespace dcc
