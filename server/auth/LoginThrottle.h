#pragma once

#include "server/auth/AuthSettings.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class ThrottleStore;

/// Password-failure throttles, per identifier and per client address. After a few free
/// failures each new one blocks the key for a growing delay (1 s, 2 s, 4 s … up to a
/// maximum): a request during the delay gets 429 with retry_after. Many failures on one
/// identifier lock it for a while; a locked identifier answers exactly like a wrong
/// password. Keys are the typed identifier, known or not, so that the throttle itself
/// tells nothing about which accounts exist.
class LoginThrottle
{
public:
    LoginThrottle(ThrottleStore& store, const AuthSettings& settings)
        : m_store(store)
        , m_settings(settings)
    {}

    struct Verdict
    {
        std::optional<std::int64_t> retryAfter; ///< blocked: seconds to wait
        bool locked = false;                    ///< the identifier is locked
    };

    [[nodiscard]] Verdict check(const std::string& identifier, const std::string& address,
                                std::int64_t now);
    /// Returns true when this failure locked the identifier (for the audit).
    bool recordFailure(const std::string& identifier, const std::string& address, std::int64_t now);
    void recordSuccess(const std::string& identifier);
    /// Lifts a lock and forgets the failures (admin `user unlock`).
    void unlock(const std::string& identifier);

private:
    static std::string identifierKey(const std::string& identifier) { return "id:" + identifier; }
    static std::string addressKey(const std::string& address) { return "ip:" + address; }
    [[nodiscard]] std::int64_t delayFor(int failures, int freeFailures) const;

    ThrottleStore& m_store;
    const AuthSettings& m_settings;
};

} // namespace dcc::server
