#include "common/CpsChallenge.h"

#include <openssl/evp.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace dcc {

namespace {

// DER prefix of DigestInfo ::= SEQUENCE { AlgorithmIdentifier { id-sha256, NULL },
// OCTET STRING (32 bytes) }, from RFC 8017 section 9.2, note 1.
constexpr std::array<std::uint8_t, 19> kSha256DigestInfoPrefix = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

ByteView asBytes(std::string_view text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

static_assert(kSha256DigestInfoPrefix.size() + 32 == CpsChallenge::kDigestInfoSize);

} // namespace

CpsChallenge::Sha256 CpsChallenge::sha256(ByteView data)
{
    Sha256 out{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1 ||
        length != out.size())
        throw std::runtime_error("SHA-256 failed");
    return out;
}

Bytes CpsChallenge::signedData(std::string_view origin, std::string_view nonce)
{
    const Sha256 originHash = sha256(asBytes(origin));
    const Sha256 nonceHash = sha256(asBytes(nonce));
    // Sized up front rather than grown by insert(): GCC 12 at -O3 reports a false
    // -Warray-bounds on vector::insert of a std::array range.
    Bytes data(originHash.size() + nonceHash.size());
    std::copy(originHash.begin(), originHash.end(), data.begin());
    std::copy(nonceHash.begin(), nonceHash.end(), data.begin() + std::ssize(originHash));
    return data;
}

CpsChallenge::Sha256 CpsChallenge::digest(std::string_view origin, std::string_view nonce)
{
    return sha256(signedData(origin, nonce));
}

Bytes CpsChallenge::digestInfo(const Sha256& digest)
{
    Bytes info(kDigestInfoSize);
    std::copy(kSha256DigestInfoPrefix.begin(), kSha256DigestInfoPrefix.end(), info.begin());
    std::copy(digest.begin(), digest.end(), info.begin() + std::ssize(kSha256DigestInfoPrefix));
    return info;
}

} // namespace dcc
