#pragma once

#include "common/ProtocolError.h"
#include "server/http/HandlerDecorator.h"

namespace dcc::server {

/// Turns what a handler throws into the protocol's answer: a dcc::ProtocolError into its
/// status and JSON body, an unavailable database into 503 service_unavailable, anything
/// else into 500 internal_error (logged with the request id, the client told nothing
/// more). Pages get a French HTML page instead of JSON.
class ErrorMappingDecorator final : public HandlerDecorator
{
public:
    using HandlerDecorator::HandlerDecorator;
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    void answer(Poco::Net::HTTPServerResponse& response, const ProtocolError& error);
};

} // namespace dcc::server
