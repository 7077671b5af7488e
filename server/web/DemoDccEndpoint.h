#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

class SessionManager;

/// GET /dcc/: stands in for the real DCC so the whole chain can be seen working: who is
/// logged in, how and since when, and a logout button. Without a session, a page saying so.
class DemoDccEndpoint final : public Endpoint
{
public:
    DemoDccEndpoint(std::shared_ptr<RequestContext> context, SessionManager& sessions, bool secure)
        : Endpoint(std::move(context))
        , m_sessions(sessions)
        , m_secure(secure)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    SessionManager& m_sessions;
    bool m_secure;
};

} // namespace dcc::server
