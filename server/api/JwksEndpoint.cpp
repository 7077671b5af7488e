#include "server/api/JwksEndpoint.h"

#include "server/auth/DccAssertion.h"
#include "server/http/HttpResponses.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace dcc::server {

void JwksEndpoint::handleRequest(Poco::Net::HTTPServerRequest&,
                                 Poco::Net::HTTPServerResponse& response)
{
    // Public, and wanted by every verifier: cacheable, unlike everything else here.
    response.set("Cache-Control", "public, max-age=300");
    HttpResponses::text(response, Poco::Net::HTTPResponse::HTTP_OK,
                        "application/jwk-set+json; charset=utf-8", m_services.dccAssertion->jwks());
}

} // namespace dcc::server
