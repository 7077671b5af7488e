#pragma once

#include "server/http/HandlerDecorator.h"

#include <cstddef>

namespace dcc::server {

/// Refuses a body announced larger than the limit before anything reads it (413). Bodies
/// without a length (chunked) are cut at the limit by JsonRequest as they are read.
class BodyLimitDecorator final : public HandlerDecorator
{
public:
    BodyLimitDecorator(std::unique_ptr<Poco::Net::HTTPRequestHandler> inner,
                       std::shared_ptr<RequestContext> context, std::size_t maxBytes)
        : HandlerDecorator(std::move(inner), std::move(context))
        , m_maxBytes(maxBytes)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    std::size_t m_maxBytes;
};

} // namespace dcc::server
