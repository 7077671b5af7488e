#include "server/http/RequestIdDecorator.h"

#include "server/auth/SecretToken.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>

namespace dcc::server {

namespace {

bool acceptableId(const std::string& id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_' || c == '.';
    });
}

} // namespace

void RequestIdDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response)
{
    const std::string incoming = request.get("X-Request-Id", "");
    context().requestId = acceptableId(incoming) ? incoming : SecretToken::generate(12);
    response.set("X-Request-Id", context().requestId);
    next(request, response);
}

} // namespace dcc::server
