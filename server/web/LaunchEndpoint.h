#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

class DccAssertion;
class LaunchTickets;
class SessionManager;

/// GET /launch?ticket=…: the browser side of the hand-off. A valid ticket (once, within
/// its minute) opens a session, sets the session cookie and redirects to the DCC (the real
/// one with a signed assertion when configured, else the built-in page); anything
/// else gets a page that says what happened and what to do, with 410.
class LaunchEndpoint final : public Endpoint
{
public:
    /// `assertion`: the hand-off to the real DCC, or null for the built-in /dcc/ page.
    LaunchEndpoint(std::shared_ptr<RequestContext> context, LaunchTickets& tickets,
                   SessionManager& sessions, const DccAssertion* assertion, bool secure,
                   int sessionMaxAge)
        : Endpoint(std::move(context))
        , m_tickets(tickets)
        , m_sessions(sessions)
        , m_assertion(assertion)
        , m_secure(secure)
        , m_sessionMaxAge(sessionMaxAge)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    LaunchTickets& m_tickets;
    SessionManager& m_sessions;
    const DccAssertion* m_assertion;
    bool m_secure;
    int m_sessionMaxAge;
};

} // namespace dcc::server
