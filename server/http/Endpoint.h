#pragma once

#include "server/http/RequestContext.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>

namespace dcc::server {

/// Base of the handlers at the end of the decorator chain: one class per endpoint.
class Endpoint : public Poco::Net::HTTPRequestHandler
{
public:
    explicit Endpoint(std::shared_ptr<RequestContext> context)
        : m_context(std::move(context))
    {}

protected:
    [[nodiscard]] RequestContext& context() const { return *m_context; }

private:
    std::shared_ptr<RequestContext> m_context;
};

} // namespace dcc::server
