#pragma once

#include "server/api/ApiServices.h"
#include "server/http/Endpoint.h"

namespace dcc::server {

/// POST /api/v1/auth/otp {identifier, password} → the code is mailed; {flow, channel,
/// expires_in, resend_in}.
class OtpStartEndpoint final : public Endpoint
{
public:
    OtpStartEndpoint(std::shared_ptr<RequestContext> context, const ApiServices& services)
        : Endpoint(std::move(context))
        , m_services(services)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    const ApiServices& m_services;
};

} // namespace dcc::server
