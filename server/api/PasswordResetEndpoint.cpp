#include "server/api/PasswordResetEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
#include "server/auth/PasswordReset.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void PasswordResetEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                          Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string token = body.requiredString("token", limits::kToken);
    const std::string password = body.requiredString("password", limits::kPassword);
    m_services.passwordReset.reset(token, password, context().origin);
    HttpResponses::noContent(response);
}

} // namespace dcc::server
