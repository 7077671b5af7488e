#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// GET /metrics: Prometheus text format.
class MetricsEndpoint final : public Endpoint
{
public:
    MetricsEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
