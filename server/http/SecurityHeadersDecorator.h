#pragma once

#include "server/http/HandlerDecorator.h"

namespace dcc::server {

/// Headers every answer carries. The defaults are the strictest (no caching, no framing,
/// no referrer, nothing may load); a page that needs more sets its own policy.
class SecurityHeadersDecorator final : public HandlerDecorator
{
public:
    using HandlerDecorator::HandlerDecorator;
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;
};

} // namespace dcc::server
