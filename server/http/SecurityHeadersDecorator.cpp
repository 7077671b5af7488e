#include "server/http/SecurityHeadersDecorator.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace dcc::server {

void SecurityHeadersDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                             Poco::Net::HTTPServerResponse& response)
{
    // add(), not set(): none is there yet, and set() first looks through every field. An
    // endpoint's later set() (a page's own policy) still replaces the value.
    response.add("X-Content-Type-Options", "nosniff");
    response.add("X-Frame-Options", "DENY");
    response.add("Referrer-Policy", "no-referrer");
    response.add("Cross-Origin-Opener-Policy", "same-origin");
    response.add("Cross-Origin-Resource-Policy", "same-origin");
    response.add("Cache-Control", "no-store");
    response.add("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (context().secure)
        response.add("Strict-Transport-Security", "max-age=31536000");
    next(request, response);
}

} // namespace dcc::server
