#pragma once

#include "server/http/RequestContext.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>

namespace dcc::server {

/// Base of the handlers that wrap another one (request id, security headers, access log,
/// error mapping, body limit): each does its part and calls the next.
class HandlerDecorator : public Poco::Net::HTTPRequestHandler
{
public:
    HandlerDecorator(std::unique_ptr<Poco::Net::HTTPRequestHandler> inner,
                     std::shared_ptr<RequestContext> context)
        : m_inner(std::move(inner))
        , m_context(std::move(context))
    {}

protected:
    void next(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
    {
        m_inner->handleRequest(request, response);
    }
    RequestContext& context() { return *m_context; }

private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> m_inner;
    std::shared_ptr<RequestContext> m_context;
};

} // namespace dcc::server
