#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dcc::server {

/// The server's secret for keyed hashes (OTP codes are stored as HMAC-SHA256 under it, so
/// a copy of the database alone does not let anyone try the 10^6 codes offline). Kept in
/// its own file, outside the database; instances sharing a database share this file.
class ServerKey
{
public:
    static constexpr std::size_t kBytes = 32;

    /// Reads the key (64 hex characters); when the file does not exist, creates it with
    /// a fresh key, readable by its owner only. Throws std::runtime_error naming the file
    /// when it is unreadable, malformed, or cannot be created.
    static ServerKey loadOrCreate(const std::filesystem::path& file);

    /// Lower-case hex HMAC-SHA256 of `data`.
    [[nodiscard]] std::string hmac(std::string_view data) const;

    /// Names the key without revealing it (the HMAC of a fixed label): instances compare
    /// it through their database to find out that they do not share the key file.
    [[nodiscard]] std::string fingerprint() const { return hmac("dcc-login server key check"); }

private:
    explicit ServerKey(std::vector<unsigned char> key)
        : m_key(std::move(key))
    {}

    std::vector<unsigned char> m_key;
};

} // namespace dcc::server
