#include "server/auth/ConcurrencyGate.h"

#include <algorithm>
#include <thread>

namespace dcc::server {

ConcurrencyGate::ConcurrencyGate(std::size_t slots)
    : m_slots(slots > 0 ? slots : std::max(1U, std::thread::hardware_concurrency()))
{}

ConcurrencyGate::Pass::Pass(ConcurrencyGate& gate)
    : m_gate(gate)
{
    std::unique_lock lock(m_gate.m_mutex);
    m_gate.m_freed.wait(lock, [this] { return m_gate.m_used < m_gate.m_slots; });
    ++m_gate.m_used;
}

ConcurrencyGate::Pass::~Pass()
{
    {
        const std::lock_guard lock(m_gate.m_mutex);
        --m_gate.m_used;
    }
    m_gate.m_freed.notify_one();
}

} // namespace dcc::server
