#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dcc::bench {

/// Makes live sessions the way browsers do: each launch ticket exchanged at /launch for a
/// session cookie, then each session checked once at /api/v1/session.
class SessionFiller
{
public:
    struct Result
    {
        std::size_t sessions = 0;  ///< cookies received from /launch
        std::size_t checkedOk = 0; ///< of those, answered 200 by /api/v1/session
        std::size_t failures = 0;
        std::map<std::string, std::size_t> failureKinds; ///< "launch 410" → count
        double seconds = 0;
    };

    SessionFiller(std::string host, std::uint16_t port, int clients);

    Result fill(const std::vector<std::string>& tickets);

private:
    std::string m_host;
    std::uint16_t m_port;
    int m_clients;
};

} // namespace dcc::bench
