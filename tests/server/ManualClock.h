#pragma once

#include "server/auth/Clock.h"

#include <atomic>

namespace dcc::test {

/// A clock the test moves: expiry and cooldowns are tested by advancing it, never by
/// sleeping.
class ManualClock final : public dcc::server::Clock
{
public:
    /// Starts at the real time, so that the test PKI's certificates and CRL are current.
    ManualClock()
        : m_now(dcc::server::SystemClock().now())
    {}
    [[nodiscard]] std::int64_t now() const override { return m_now.load(); }
    void advance(std::int64_t seconds) { m_now += seconds; }

private:
    std::atomic<std::int64_t> m_now;
};

} // namespace dcc::test
