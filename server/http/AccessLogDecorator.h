#pragma once

#include "server/http/HandlerDecorator.h"

namespace dcc::server {

class Metrics;

/// One log line per request (id, client, method, path without its query — tickets and
/// tokens travel there —, status, duration, error code) and the request metrics.
class AccessLogDecorator final : public HandlerDecorator
{
public:
    AccessLogDecorator(std::unique_ptr<Poco::Net::HTTPRequestHandler> inner,
                       std::shared_ptr<RequestContext> context, Metrics& metrics)
        : HandlerDecorator(std::move(inner), std::move(context))
        , m_metrics(metrics)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    Metrics& m_metrics;
};

} // namespace dcc::server
