#include "bench/server/LatencyRecorder.h"

#include <algorithm>
#include <cstdio>

namespace dcc::bench {

void LatencyRecorder::add(std::chrono::nanoseconds latency)
{
    const std::lock_guard lock(m_mutex);
    m_nanoseconds.push_back(latency.count());
}

void LatencyRecorder::clear()
{
    const std::lock_guard lock(m_mutex);
    m_nanoseconds.clear();
}

std::size_t LatencyRecorder::count() const
{
    const std::lock_guard lock(m_mutex);
    return m_nanoseconds.size();
}

double LatencyRecorder::percentileMs(double fraction) const
{
    std::vector<std::int64_t> sorted;
    {
        const std::lock_guard lock(m_mutex);
        sorted = m_nanoseconds;
    }
    if (sorted.empty())
        return 0.0;
    std::sort(sorted.begin(), sorted.end());
    const auto last = static_cast<double>(sorted.size() - 1);
    const auto index = static_cast<std::size_t>(std::clamp(fraction, 0.0, 1.0) * last + 0.5);
    return static_cast<double>(sorted[index]) / 1e6;
}

std::string LatencyRecorder::summary() const
{
    char text[160];
    std::snprintf(text, sizeof text, "n=%zu p50=%.1fms p99=%.1fms max=%.1fms", count(),
                  percentileMs(0.50), percentileMs(0.99), percentileMs(1.0));
    return text;
}

} // namespace dcc::bench
