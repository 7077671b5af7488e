#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// GET /api/v1/session (cookie or bearer): who is logged in, how, and until when.
class SessionEndpoint final : public Endpoint
{
public:
    SessionEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
