#include "server/http/Metrics.h"

#include <sstream>

namespace dcc::server {

void Metrics::recordRequest(const std::string& route, int status, std::chrono::nanoseconds duration)
{
    const double seconds = std::chrono::duration<double>(duration).count();
    const std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    Histogram& histogram = m_latency[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++histogram.buckets[i];
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void Metrics::recordLoginOutcome(const std::string& method, const std::string& step,
                                 const std::string& outcome)
{
    const std::lock_guard lock(m_mutex);
    ++m_logins[{method, step, outcome}];
}

void Metrics::setGauge(const std::string& name, double value)
{
    const std::lock_guard lock(m_mutex);
    m_gauges[name] = value;
}

std::string Metrics::render() const
{
    const std::lock_guard lock(m_mutex);
    std::ostringstream out;
    out << "# HELP dcc_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE dcc_http_requests_total counter\n";
    for (const auto& [key, count] : m_requests) {
        out << "dcc_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << count << '\n';
    }
    out << "# HELP dcc_login_outcomes_total Login steps by method, step and outcome.\n"
        << "# TYPE dcc_login_outcomes_total counter\n";
    for (const auto& [key, count] : m_logins) {
        out << "dcc_login_outcomes_total{method=\"" << std::get<0>(key) << "\",step=\""
            << std::get<1>(key) << "\",outcome=\"" << std::get<2>(key) << "\"} " << count << '\n';
    }
    out << "# HELP dcc_http_request_duration_seconds Request latency by route.\n"
        << "# TYPE dcc_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : m_latency) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "dcc_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBuckets[i] << "\"} " << histogram.buckets[i] << '\n';
        }
        out << "dcc_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
            << histogram.count << '\n'
            << "dcc_http_request_duration_seconds_sum{route=\"" << route << "\"} " << histogram.sum
            << '\n'
            << "dcc_http_request_duration_seconds_count{route=\"" << route << "\"} "
            << histogram.count << '\n';
    }
    for (const auto& [name, value] : m_gauges)
        out << "# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
    return out.str();
}

} // namespace dcc::server
