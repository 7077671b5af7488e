#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// POST /api/v1/logout (cookie or bearer): closes the session. From the demo DCC page's
/// form it redirects back to the page; from an API client it answers 204.
class LogoutEndpoint final : public Endpoint
{
public:
    LogoutEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
