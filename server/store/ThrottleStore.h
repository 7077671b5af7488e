#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace dcc::server {

class Database;

/// Failure counters behind the password throttles, one row per key ("id:j.dupont",
/// "ip:192.0.2.1"). The policy (how long to block, when to lock) is the caller's; this
/// class only counts atomically.
class ThrottleStore
{
public:
    struct State
    {
        int failures = 0;
        std::int64_t lastFailureAt = 0;
        std::int64_t blockedUntil = 0;
        std::int64_t lockedUntil = 0;
    };

    /// Given the failure count after this failure, when the key is blocked and locked until.
    struct Penalty
    {
        std::int64_t blockedUntil = 0;
        std::int64_t lockedUntil = 0;
    };
    using PenaltyRule = std::function<Penalty(int failures)>;

    explicit ThrottleStore(Database& database)
        : m_database(database)
    {}

    State get(const std::string& key);
    /// Adds a failure (starting again from one when the last failure is older than
    /// `windowStart`), applies `rule` to the new count, in one transaction; returns the
    /// new state.
    State recordFailure(const std::string& key, std::int64_t now, std::int64_t windowStart,
                        const PenaltyRule& rule);
    void reset(const std::string& key);
    void purge(std::int64_t quietSince);

private:
    Database& m_database;
};

} // namespace dcc::server
