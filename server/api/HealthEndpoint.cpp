#include "server/api/HealthEndpoint.h"

#include "server/http/HttpResponses.h"

namespace dcc::server {

void HealthEndpoint::handleRequest(Poco::Net::HTTPServerRequest&,
                                   Poco::Net::HTTPServerResponse& response)
{
    HttpResponses::text(response, Poco::Net::HTTPResponse::HTTP_OK, "text/plain; charset=utf-8",
                        "ok\n");
}

} // namespace dcc::server
