#include "server/auth/LaunchTickets.h"

#include "common/Protocol.h"
#include "server/auth/Clock.h"
#include "server/auth/SecretToken.h"

namespace dcc::server {

std::string LaunchTickets::issue(std::int64_t accountId, const std::string& method)
{
    const std::int64_t now = m_clock.now();
    std::string ticket = SecretToken::generate(protocol::kTicketBytes);
    m_store.create(SecretToken::hash(ticket), accountId, method, now,
                   now + m_settings.ticketLifetime);
    return ticket;
}

std::optional<TicketStore::Redeemed> LaunchTickets::redeem(const std::string& ticket)
{
    if (!SecretToken::looksValid(ticket, protocol::kTicketBytes))
        return std::nullopt;
    return m_store.redeem(SecretToken::hash(ticket), m_clock.now());
}

} // namespace dcc::server
