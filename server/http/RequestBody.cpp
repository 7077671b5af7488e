#include "server/http/RequestBody.h"

#include "common/ProtocolError.h"

#include <Poco/Exception.h>

#include <istream>

namespace dcc::server {

std::string RequestBody::read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes)
{
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<Poco::Int64>(maxBytes))
        throw ProtocolError(ErrorCode::PayloadTooLarge, "the body is too large");

    // Read at most one byte more than allowed: enough to know a chunked body is too large.
    std::string body;
    std::istream& in = request.stream();
    body.resize(maxBytes + 1);
    in.exceptions(std::ios::badbit); // the socket's exceptions come through
    try {
        in.read(body.data(), static_cast<std::streamsize>(body.size()));
    } catch (const Poco::TimeoutException&) {
        throw ProtocolError(ErrorCode::RequestTimeout,
                            "the body stopped arriving before the request timeout");
    } catch (const Poco::IOException&) {
        // A reset or a failed TLS record: the client's doing, not a server error.
        throw ProtocolError(ErrorCode::InvalidRequest, "the connection failed during the body");
    }
    body.resize(static_cast<std::size_t>(in.gcount()));
    if (body.size() > maxBytes)
        throw ProtocolError(ErrorCode::PayloadTooLarge, "the body is too large");
    if (request.hasContentLength() &&
        static_cast<Poco::Int64>(body.size()) < request.getContentLength64())
        throw ProtocolError(ErrorCode::InvalidRequest, "the body ended before its Content-Length");
    return body;
}

} // namespace dcc::server
