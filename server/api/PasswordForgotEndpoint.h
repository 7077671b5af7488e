#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// POST /api/v1/password/forgot {identifier} → 202 with the same body whether or not the
/// account exists; the link is mailed when it does.
class PasswordForgotEndpoint final : public Endpoint
{
public:
    PasswordForgotEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
