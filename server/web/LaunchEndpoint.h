#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

class LaunchTickets;
class SessionManager;

/// GET /launch?ticket=…: the browser side of the hand-off. A valid ticket (once, within
/// its minute) opens a session, sets the session cookie and redirects to the DCC; anything
/// else gets a page that says what happened and what to do, with 410.
class LaunchEndpoint final : public Endpoint
{
public:
    LaunchEndpoint(std::shared_ptr<RequestContext> context, LaunchTickets& tickets,
                   SessionManager& sessions, bool secure, int sessionMaxAge)
        : Endpoint(std::move(context))
        , m_tickets(tickets)
        , m_sessions(sessions)
        , m_secure(secure)
        , m_sessionMaxAge(sessionMaxAge)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    LaunchTickets& m_tickets;
    SessionManager& m_sessions;
    bool m_secure;
    int m_sessionMaxAge;
};

} // namespace dcc::server
