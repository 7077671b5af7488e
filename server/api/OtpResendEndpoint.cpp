#include "server/api/OtpResendEndpoint.h"

#include "common/Protocol.h"
#include "server/api/CodeSentBody.h"
#include "server/api/FieldLimits.h"
#include "server/auth/OtpLogin.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void OtpResendEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string flow = body.requiredString("flow", limits::kToken);
    const OtpLogin::CodeSent sent = m_services.otpLogin.resend(flow, context().origin);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, codeSentBody(sent));
}

} // namespace dcc::server
