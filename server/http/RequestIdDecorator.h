#pragma once

#include "server/http/HandlerDecorator.h"

namespace dcc::server {

/// Gives the request an id, echoed in X-Request-Id and written in every log line about it.
/// An id from a proxy is kept when it looks like one (bounded, visible ASCII), so that a
/// request can be followed across the load balancer.
class RequestIdDecorator final : public HandlerDecorator
{
public:
    using HandlerDecorator::HandlerDecorator;
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;
};

} // namespace dcc::server
