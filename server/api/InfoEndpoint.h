#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// GET /api/v1/info: what a client needs before it starts (version, server time for the
/// clock-skew check, methods, password policy, OTP length and lifetime).
class InfoEndpoint final : public Endpoint
{
public:
    InfoEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

    /// Everything the answer holds but the server time, as a serialized JSON object: it
    /// only changes with the configuration, so it is built once rather than per request
    /// (a quarter of this endpoint's time, docs/BENCHMARKS.md).
    static std::string fixedFields(const ApiServices& services);

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
