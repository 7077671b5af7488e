#pragma once

#include "server/auth/RequestOrigin.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class AuditStore;
class Clock;

/// Writes the audit rows of the login steps: what happened, to whom, from where. Takes
/// no secret by construction: there is no parameter a password or code could go into
/// other than `detail`, which callers fill with facts only.
class AuditTrail
{
public:
    AuditTrail(AuditStore& store, const Clock& clock)
        : m_store(store)
        , m_clock(clock)
    {}

    void record(const std::string& event, const std::string& outcome,
                std::optional<std::int64_t> accountId, const std::string& identifier,
                const RequestOrigin& origin, const std::string& detail = {});

private:
    AuditStore& m_store;
    const Clock& m_clock;
};

} // namespace dcc::server
