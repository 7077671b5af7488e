#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dcc::server {

/// Bearer secrets handed to clients (flow ids, launch tickets, session tokens, reset
/// tokens): random bytes from OpenSSL as unpadded base64url, stored only as SHA-256.
class SecretToken
{
public:
    static std::string generate(std::size_t bytes = 32);
    /// Lower-case hex SHA-256 of the token text: what the database keeps.
    static std::string hash(std::string_view token);
    /// Whether `text` could be a token of `bytes` random bytes (length and alphabet), so
    /// that garbage is refused before it reaches the database.
    static bool looksValid(std::string_view text, std::size_t bytes = 32);
    /// Constant-time comparison (CRYPTO_memcmp) for secrets of equal length.
    static bool equal(std::string_view a, std::string_view b);
};

} // namespace dcc::server
