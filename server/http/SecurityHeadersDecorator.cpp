#include "server/http/SecurityHeadersDecorator.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace dcc::server {

void SecurityHeadersDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                             Poco::Net::HTTPServerResponse& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    response.set("Cross-Origin-Resource-Policy", "same-origin");
    response.set("Cache-Control", "no-store");
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (context().secure)
        response.set("Strict-Transport-Security", "max-age=31536000");
    next(request, response);
}

} // namespace dcc::server
