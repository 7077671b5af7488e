#pragma once

#include <chrono>
#include <cstdint>

namespace dcc::bench {

/// The raw Argon2id rate a login's password check is compared with: `threads` threads
/// verifying a password against its PHC string (the very call a login makes) as fast as
/// they can, with the server's hasher and parameters.
class Argon2Rate
{
public:
    struct Result
    {
        std::uint64_t hashes = 0;
        double seconds = 0;
        [[nodiscard]] double perSecond() const
        {
            return seconds > 0 ? static_cast<double>(hashes) / seconds : 0;
        }
    };

    static Result measure(int threads, std::chrono::milliseconds duration, std::uint32_t memoryKiB,
                          std::uint32_t iterations);
};

} // namespace dcc::bench
