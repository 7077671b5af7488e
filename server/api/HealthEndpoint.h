#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

/// GET /healthz: the process is up and answering (liveness, for load balancers).
class HealthEndpoint final : public Endpoint
{
public:
    using Endpoint::Endpoint;
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;
};

} // namespace dcc::server
