#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

class PasswordReset;

/// GET /reset?token=…: the page the mailed link opens (the form, or why the link is dead).
class ResetPageEndpoint final : public Endpoint
{
public:
    ResetPageEndpoint(std::shared_ptr<RequestContext> context, PasswordReset& reset,
                      int lifetimeMinutes)
        : Endpoint(std::move(context))
        , m_reset(reset)
        , m_lifetimeMinutes(lifetimeMinutes)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    PasswordReset& m_reset;
    int m_lifetimeMinutes;
};

} // namespace dcc::server
