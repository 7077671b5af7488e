#include "server/http/HttpResponses.h"

#include <Poco/JSON/Array.h>

#include <sstream>

namespace dcc::server {

using Poco::Net::HTTPResponse;

void HttpResponses::text(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                         const std::string& contentType, const std::string& body)
{
    response.setStatusAndReason(status);
    response.setContentType(contentType);
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.sendBuffer(body.data(), body.size());
}

void HttpResponses::json(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                         const Poco::JSON::Object& body)
{
    std::ostringstream out;
    body.stringify(out);
    text(response, status, "application/json; charset=utf-8", out.str());
}

Poco::JSON::Object HttpResponses::errorBody(const ProtocolError& error)
{
    Poco::JSON::Object body;
    body.set("error", std::string(ErrorCodes::code(error.code())));
    body.set("message", std::string(error.what()));
    for (const auto& [key, value] : error.details()) {
        if (const auto* number = std::get_if<std::int64_t>(&value)) {
            body.set(key, static_cast<Poco::Int64>(*number));
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            body.set(key, *text);
        } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
            Poco::JSON::Array array;
            for (const std::string& item : *list)
                array.add(item);
            body.set(key, array);
        }
    }
    return body;
}

void HttpResponses::error(Poco::Net::HTTPServerResponse& response, const ProtocolError& error)
{
    for (const auto& [key, value] : error.details()) {
        if (key == "retry_after")
            response.set("Retry-After", std::to_string(std::get<std::int64_t>(value)));
    }
    json(response, static_cast<HTTPResponse::HTTPStatus>(ErrorCodes::httpStatus(error.code())),
         errorBody(error));
}

void HttpResponses::html(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                         const std::string& page)
{
    text(response, status, "text/html; charset=utf-8", page);
}

void HttpResponses::noContent(Poco::Net::HTTPServerResponse& response)
{
    response.setStatusAndReason(HTTPResponse::HTTP_NO_CONTENT);
    response.setContentLength64(0);
    response.send();
}

void HttpResponses::redirect(Poco::Net::HTTPServerResponse& response, const std::string& location,
                             HTTPResponse::HTTPStatus status)
{
    response.set("Location", location);
    text(response, status, "text/plain; charset=utf-8", "");
}

} // namespace dcc::server
