#include "server/auth/AuditTrail.h"

#include "server/auth/Clock.h"
#include "server/store/AuditStore.h"

namespace dcc::server {

namespace {

// User agents and typed identifiers come from the client: bounded before they are kept.
std::string bounded(const std::string& text, std::size_t limit = 256)
{
    return text.size() <= limit ? text : text.substr(0, limit);
}

} // namespace

void AuditTrail::record(const std::string& event, const std::string& outcome,
                        std::optional<std::int64_t> accountId, const std::string& identifier,
                        const RequestOrigin& origin, const std::string& detail)
{
    AuditEvent row;
    row.at = m_clock.now();
    row.event = event;
    row.outcome = outcome;
    row.accountId = accountId;
    row.identifier = bounded(identifier, 64);
    row.clientAddress = bounded(origin.clientAddress, 64);
    row.userAgent = bounded(origin.userAgent);
    row.detail = bounded(detail, 1024);
    m_store.append(row);
}

} // namespace dcc::server
