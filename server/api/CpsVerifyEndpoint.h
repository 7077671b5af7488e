#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// POST /api/v1/auth/cps/verify {flow, certificate, signature, algorithm} →
/// {launch_url, expires_in, display_name}, or the precise reason of the refusal.
class CpsVerifyEndpoint final : public Endpoint
{
public:
    CpsVerifyEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
