#pragma once

#include "server/store/Account.h"
#include "server/store/SessionRecord.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace dcc::server {

/// Session checks the database answered moments ago, kept for a short lifetime so that the
/// burst of checks one page makes (a portal or an API client asks for each request it
/// serves) costs one lookup: a check read from the database is four times the work of the
/// HTTP request around it (docs/BENCHMARKS.md, server (b)).
///
/// What it may hide, for at most its lifetime: a revocation made by another server
/// instance or by the admin CLI (logout elsewhere, account disabled). Revocations made
/// through this process drop the entries at once. The time rules (idle and absolute ends)
/// are checked by SessionManager on every use, cached or not. Lifetime 0 turns it off.
class SessionCache
{
public:
    struct Entry
    {
        SessionRecord record;
        Account account; ///< without its password hash, which session checks never need
    };

    SessionCache(std::chrono::milliseconds lifetime, std::size_t capacity);

    [[nodiscard]] bool enabled() const noexcept { return m_lifetime.count() > 0; }
    /// The entry stored less than a lifetime ago.
    [[nodiscard]] std::optional<Entry> find(const std::string& tokenHash) const;
    /// Taken before reading the database: put() then refuses an entry read before a
    /// forget() of this process, which a check racing a logout would otherwise bring back.
    [[nodiscard]] std::uint64_t generation() const noexcept { return m_generation.load(); }
    void put(const std::string& tokenHash, Entry entry, std::uint64_t readAtGeneration);
    void forget(const std::string& tokenHash);
    void forgetAccount(std::int64_t accountId);

private:
    using SteadyClock = std::chrono::steady_clock;
    struct Slot
    {
        Entry entry;
        SteadyClock::time_point storedAt;
    };

    std::chrono::milliseconds m_lifetime;
    std::size_t m_capacity;
    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, Slot> m_slots;
    std::atomic<std::uint64_t> m_generation{0}; ///< moved by every forget, under m_mutex
};

} // namespace dcc::server
