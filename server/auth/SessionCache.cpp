#include "server/auth/SessionCache.h"

#include <mutex>

namespace dcc::server {

SessionCache::SessionCache(std::chrono::milliseconds lifetime, std::size_t capacity)
    : m_lifetime(lifetime)
    , m_capacity(capacity)
{}

std::optional<SessionCache::Entry> SessionCache::find(const std::string& tokenHash) const
{
    if (!enabled())
        return std::nullopt;
    const std::shared_lock lock(m_mutex);
    const auto slot = m_slots.find(tokenHash);
    if (slot == m_slots.end() || SteadyClock::now() - slot->second.storedAt >= m_lifetime)
        return std::nullopt;
    return slot->second.entry;
}

void SessionCache::put(const std::string& tokenHash, Entry entry, std::uint64_t readAtGeneration)
{
    if (!enabled())
        return;
    entry.account.passwordHash.reset();
    const auto now = SteadyClock::now();
    const std::unique_lock lock(m_mutex);
    if (m_generation.load() != readAtGeneration)
        return; // something was revoked meanwhile: this entry may predate it
    if (m_slots.size() >= m_capacity && m_slots.find(tokenHash) == m_slots.end()) {
        std::erase_if(m_slots,
                      [&](const auto& slot) { return now - slot.second.storedAt >= m_lifetime; });
        // Still full of live entries (more sessions checked within one lifetime than the
        // capacity): start again rather than let memory grow.
        if (m_slots.size() >= m_capacity)
            m_slots.clear();
    }
    m_slots.insert_or_assign(tokenHash, Slot{std::move(entry), now});
}

void SessionCache::forget(const std::string& tokenHash)
{
    const std::unique_lock lock(m_mutex);
    m_generation.fetch_add(1);
    m_slots.erase(tokenHash);
}

void SessionCache::forgetAccount(std::int64_t accountId)
{
    const std::unique_lock lock(m_mutex);
    m_generation.fetch_add(1);
    std::erase_if(m_slots,
                  [&](const auto& slot) { return slot.second.entry.account.id == accountId; });
}

} // namespace dcc::server
