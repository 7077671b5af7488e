#include "server/api/PasswordForgotEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
#include "server/auth/PasswordReset.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void PasswordForgotEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string identifier = body.requiredString("identifier", limits::kIdentifier);
    m_services.passwordReset.request(identifier, context().origin);
    Poco::JSON::Object answer;
    answer.set("status", std::string("accepted"));
    answer.set("message", std::string("if this identifier has an account, a reset link was sent "
                                      "to its e-mail address"));
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_ACCEPTED, answer);
}

} // namespace dcc::server
