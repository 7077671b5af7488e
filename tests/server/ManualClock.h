#pragma once

#include "server/auth/Clock.h"

#include <atomic>

namespace dcc::test {

/// A clock the test moves: expiry and cooldowns are tested by advancing it, never by
/// sleeping.
class ManualClock final : public dcc::server::Clock
{
public:
    explicit ManualClock(std::int64_t start = 1'800'000'000)
        : m_now(start)
    {}
    [[nodiscard]] std::int64_t now() const override { return m_now.load(); }
    void advance(std::int64_t seconds) { m_now += seconds; }

private:
    std::atomic<std::int64_t> m_now;
};

} // namespace dcc::test
