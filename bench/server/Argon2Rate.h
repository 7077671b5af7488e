#pragma once

#include <chrono>
#include <cstdint>

#include "bench/server/MeasuredRate.h"

namespace dcc::bench {

/// The raw Argon2id rate a login's password check is compared with: `threads` threads
/// verifying a password against its PHC string (the very call a login makes) as fast as
/// they can, with the server's hasher and parameters.
class Argon2Rate
{
public:
    using Result = MeasuredRate; ///< count: hashes verified

    static Result measure(int threads, std::chrono::milliseconds duration, std::uint32_t memoryKiB,
                          std::uint32_t iterations);
};

} // namespace dcc::bench
