#pragma once

#include "common/ProtocolError.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace dcc::server {

/// Every answer leaves through here, with a Content-Length and in one piece, so that
/// keep-alive connections stay usable (TESTING-STACK.md, Poco traps).
class HttpResponses
{
public:
    static void json(Poco::Net::HTTPServerResponse& response,
                     Poco::Net::HTTPResponse::HTTPStatus status, const Poco::JSON::Object& body);
    static void error(Poco::Net::HTTPServerResponse& response, const ProtocolError& error);
    static void html(Poco::Net::HTTPServerResponse& response,
                     Poco::Net::HTTPResponse::HTTPStatus status, const std::string& page);
    static void text(Poco::Net::HTTPServerResponse& response,
                     Poco::Net::HTTPResponse::HTTPStatus status, const std::string& contentType,
                     const std::string& body);
    static void noContent(Poco::Net::HTTPServerResponse& response);
    /// 302 (or 303 after a form post) to a path or URL the server chose itself.
    static void
    redirect(Poco::Net::HTTPServerResponse& response, const std::string& location,
             Poco::Net::HTTPResponse::HTTPStatus status = Poco::Net::HTTPResponse::HTTP_FOUND);
    /// The JSON error body of the protocol: {"error", "message", …details}.
    static Poco::JSON::Object errorBody(const ProtocolError& error);
};

} // namespace dcc::server
