#include "server/auth/LoginThrottle.h"

#include "server/store/ThrottleStore.h"

#include <algorithm>

namespace dcc::server {

std::int64_t LoginThrottle::delayFor(int failures, int freeFailures) const
{
    if (failures <= freeFailures)
        return 0;
    const int doublings = std::min(failures - freeFailures - 1, 30);
    return std::min<std::int64_t>(std::int64_t{1} << doublings, m_settings.maxDelaySeconds);
}

LoginThrottle::Verdict LoginThrottle::check(const std::string& identifier,
                                            const std::string& address, std::int64_t now)
{
    Verdict verdict;
    const ThrottleStore::State byIdentifier = m_store.get(identifierKey(identifier));
    const ThrottleStore::State byAddress = m_store.get(addressKey(address));
    verdict.locked = byIdentifier.lockedUntil > now;
    const std::int64_t blockedUntil = std::max(byIdentifier.blockedUntil, byAddress.blockedUntil);
    if (blockedUntil > now && !verdict.locked)
        verdict.retryAfter = blockedUntil - now;
    return verdict;
}

bool LoginThrottle::recordFailure(const std::string& identifier, const std::string& address,
                                  std::int64_t now)
{
    const std::int64_t windowStart = now - m_settings.failureWindow;
    const ThrottleStore::State byIdentifier =
        m_store.recordFailure(identifierKey(identifier), now, windowStart, [&](int failures) {
            ThrottleStore::Penalty penalty;
            penalty.blockedUntil = now + delayFor(failures, m_settings.accountFreeFailures);
            if (failures >= m_settings.accountLockFailures)
                penalty.lockedUntil = now + m_settings.accountLockSeconds;
            return penalty;
        });
    m_store.recordFailure(addressKey(address), now, windowStart, [&](int failures) {
        return ThrottleStore::Penalty{now + delayFor(failures, m_settings.addressFreeFailures), 0};
    });
    return byIdentifier.failures == m_settings.accountLockFailures;
}

void LoginThrottle::recordSuccess(const std::string& identifier)
{
    // The address keeps its count: an attacker must not clear it by logging into an
    // account of their own between guesses.
    m_store.reset(identifierKey(identifier));
}

void LoginThrottle::unlock(const std::string& identifier)
{
    m_store.reset(identifierKey(identifier));
}

} // namespace dcc::server
