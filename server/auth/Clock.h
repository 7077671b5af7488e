#pragma once

#include <chrono>
#include <cstdint>

namespace dcc::server {

/// The time every rule that expires is judged by: behind an interface so that tests move
/// it forward instead of sleeping. Seconds since the epoch, as stored.
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock
{
public:
    [[nodiscard]] std::int64_t now() const override
    {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

} // namespace dcc::server
