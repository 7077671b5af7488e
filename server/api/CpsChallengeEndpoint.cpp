#include "server/api/CpsChallengeEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
#include "server/auth/CpsLogin.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void CpsChallengeEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                         Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string identifier = body.requiredString("identifier", limits::kIdentifier);
    const std::string password = body.requiredString("password", limits::kPassword);
    const CpsLogin::Challenge challenge =
        m_services.cpsLogin->challenge(identifier, password, context().origin);
    Poco::JSON::Object answer;
    answer.set("flow", challenge.flow);
    answer.set("nonce", challenge.nonce);
    answer.set("expires_in", challenge.expiresIn);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, answer);
}

} // namespace dcc::server
