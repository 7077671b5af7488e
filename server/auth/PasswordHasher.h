#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dcc::server {

class ConcurrencyGate;

/// Argon2id password hashing (libargon2) into PHC strings
/// ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"), with DESIGN.md's defaults.
class PasswordHasher
{
public:
    struct Parameters
    {
        std::uint32_t memoryKiB = 19 * 1024;
        std::uint32_t iterations = 2;
        std::uint32_t parallelism = 1;
        /// Hashes computed at once, the others wait (ConcurrencyGate); 0: one per core.
        std::size_t maxConcurrent = 0;
    };
    static constexpr std::size_t kSaltBytes = 16;
    static constexpr std::size_t kHashBytes = 32;

    explicit PasswordHasher(Parameters parameters);

    /// A new PHC string with a fresh salt from OpenSSL's CSPRNG. Throws std::runtime_error
    /// when hashing fails (out of memory).
    [[nodiscard]] std::string hash(std::string_view password) const;
    /// Constant-time check (inside libargon2); false for a malformed PHC string.
    [[nodiscard]] bool verify(std::string_view password, const std::string& phc) const;
    /// True when `phc` was made with other parameters (or another algorithm) than the
    /// current ones: the login re-hashes the password it just verified.
    [[nodiscard]] bool needsRehash(const std::string& phc) const;

    /// A valid hash of a random password, made once: verified against when the identifier
    /// is unknown, so that unknown and known identifiers cost the same time.
    [[nodiscard]] const std::string& decoyHash() const noexcept { return m_decoy; }
    [[nodiscard]] const Parameters& parameters() const noexcept { return m_parameters; }

private:
    Parameters m_parameters;
    std::shared_ptr<ConcurrencyGate> m_gate; // shared by copies: one limit per server
    std::string m_decoy;
};

} // namespace dcc::server
