#pragma once

#include <cstdint>

namespace dcc::bench {

/// What a reference measure counted, over how long: the raw rates the server is compared
/// with (Argon2Rate, ExchangeRate).
struct MeasuredRate
{
    std::uint64_t count = 0;
    double seconds = 0;
    [[nodiscard]] double perSecond() const
    {
        return seconds > 0 ? static_cast<double>(count) / seconds : 0;
    }
};

} // namespace dcc::bench
