#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace dcc::server {

/// A request's whole body, read within a size limit, for the handlers that parse one (JSON
/// calls, the reset form). The socket's failures are told apart from what the client sent:
/// an istream would otherwise turn a timeout into a short body, judged as bad JSON or as a
/// form with a field cut off.
class RequestBody
{
public:
    /// Throws dcc::ProtocolError: 413 payload_too_large over `maxBytes`, 408 request_timeout
    /// when the body stops arriving (server.requestTimeout), 400 invalid_request when it
    /// ends before its Content-Length or the connection fails (a reset).
    static std::string read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);
};

} // namespace dcc::server
