#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace dcc::server {

/// Counters for /metrics in the Prometheus text format: requests by route and status,
/// login outcomes by method, step and outcome, and a request latency histogram. Per
/// process on purpose: Prometheus scrapes each instance and sums.
class Metrics
{
public:
    void recordRequest(const std::string& route, int status, std::chrono::nanoseconds duration);
    void recordLoginOutcome(const std::string& method, const std::string& step,
                            const std::string& outcome);
    void setGauge(const std::string& name, double value);
    [[nodiscard]] std::string render() const;

private:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
    struct Histogram
    {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
    std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> m_logins;
    std::map<std::string, Histogram> m_latency;
    std::map<std::string, double> m_gauges;
};

} // namespace dcc::server
