#pragma once

#include "server/http/Endpoint.h"

namespace dcc::server {

class PasswordReset;

/// POST /reset (the page's form, with or without JavaScript): changes the password, or
/// shows the form again with what is wrong, or says the link is dead.
class ResetFormEndpoint final : public Endpoint
{
public:
    ResetFormEndpoint(std::shared_ptr<RequestContext> context, PasswordReset& reset,
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
