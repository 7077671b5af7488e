#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace dcc::bench {

/// Latencies of one kind of request, from many threads; percentiles at the end.
class LatencyRecorder
{
public:
    void add(std::chrono::nanoseconds latency);
    /// Empties the recorder (a new measure window on the same recorder).
    void clear();

    [[nodiscard]] std::size_t count() const;
    /// The latency under which `fraction` (0..1) of the requests finished, in milliseconds.
    [[nodiscard]] double percentileMs(double fraction) const;
    /// "n=… p50=… p99=… max=…" for the report.
    [[nodiscard]] std::string summary() const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::int64_t> m_nanoseconds;
};

} // namespace dcc::bench
