#include "server/auth/SecretToken.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace dcc::server {

namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64Url(const std::vector<unsigned char>& bytes)
{
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        // Widened before shifting: a promoted int shift is what -fsanitize builds warn on.
        const unsigned v = static_cast<unsigned>(bytes[i]) << 16u |
                           static_cast<unsigned>(bytes[i + 1]) << 8u | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6)
            out.push_back(kBase64Url[(v >> shift) & 0x3Fu]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned v = static_cast<unsigned>(bytes[i]) << 16u;
        if (rest == 2)
            v |= static_cast<unsigned>(bytes[i + 1]) << 8u;
        out.push_back(kBase64Url[(v >> 18) & 0x3Fu]);
        out.push_back(kBase64Url[(v >> 12) & 0x3Fu]);
        if (rest == 2)
            out.push_back(kBase64Url[(v >> 6) & 0x3Fu]);
    }
    return out;
}

} // namespace

std::string SecretToken::generate(std::size_t bytes)
{
    std::vector<unsigned char> random(bytes);
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    return base64Url(random);
}

std::string SecretToken::hash(std::string_view token)
{
    // Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up at every digest,
    // half the cost of hashing a token on every session check.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (sha256 == nullptr ||
        EVP_Digest(token.data(), token.size(), digest.data(), &length, sha256, nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

bool SecretToken::looksValid(std::string_view text, std::size_t bytes)
{
    const std::size_t expected = (bytes * 4 + 2) / 3;
    return text.size() == expected && text.find_first_not_of(kBase64Url) == std::string_view::npos;
}

bool SecretToken::equal(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace dcc::server
