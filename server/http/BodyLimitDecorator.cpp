#include "server/http/BodyLimitDecorator.h"

#include "common/ProtocolError.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

namespace dcc::server {

void BodyLimitDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response)
{
    // Framing that two parties could read differently (request smuggling behind a proxy):
    // several Content-Length values, or one next to a chunked Transfer-Encoding.
    std::size_t lengths = 0;
    for (const auto& [name, value] : request) {
        if (Poco::icompare(name, "Content-Length") == 0)
            ++lengths;
    }
    if (lengths > 1 || (lengths == 1 && request.getChunkedTransferEncoding())) {
        response.setKeepAlive(false);
        throw ProtocolError(ErrorCode::InvalidRequest, "ambiguous message framing");
    }
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<Poco::Int64>(m_maxBytes))
        throw ProtocolError(ErrorCode::PayloadTooLarge, "the body is too large");
    next(request, response);
}

} // namespace dcc::server
