#include "server/api/OtpVerifyEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
#include "server/api/LoginCompletedBody.h"
#include "server/auth/OtpLogin.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void OtpVerifyEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string flow = body.requiredString("flow", limits::kToken);
    const std::string code = body.requiredString("code", limits::kCode);
    const OtpLogin::Completed done = m_services.otpLogin.verify(flow, code, context().origin);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK,
                        loginCompletedBody(m_services.publicOrigin, done));
}

} // namespace dcc::server
