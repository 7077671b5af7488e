#pragma once

#include "server/auth/AuthSettings.h"
#include "server/store/TicketStore.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class Clock;

/// The one-time ticket that carries a finished login from the desktop client to the
/// browser (`/launch?ticket=…`): 32 random bytes, single use, short-lived, stored hashed.
class LaunchTickets
{
public:
    LaunchTickets(TicketStore& store, const AuthSettings& settings, const Clock& clock)
        : m_store(store)
        , m_settings(settings)
        , m_clock(clock)
    {}

    /// The ticket text to put in the launch URL.
    std::string issue(std::int64_t accountId, const std::string& method);
    /// The login it carries, once; nullopt for an unknown, used or expired ticket.
    std::optional<TicketStore::Redeemed> redeem(const std::string& ticket);

private:
    TicketStore& m_store;
    const AuthSettings& m_settings;
    const Clock& m_clock;
};

} // namespace dcc::server
