#include "server/api/OtpStartEndpoint.h"

#include "common/Protocol.h"
#include "server/api/CodeSentBody.h"
#include "server/api/FieldLimits.h"
#include "server/auth/OtpLogin.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void OtpStartEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string identifier = body.requiredString("identifier", limits::kIdentifier);
    const std::string password = body.requiredString("password", limits::kPassword);
    const OtpLogin::CodeSent sent =
        m_services.otpLogin.start(identifier, password, context().origin);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, codeSentBody(sent));
}

} // namespace dcc::server
