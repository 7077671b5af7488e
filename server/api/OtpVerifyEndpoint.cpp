#include "server/api/OtpVerifyEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
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
    Poco::JSON::Object answer;
    answer.set("launch_url", m_services.publicOrigin + std::string(protocol::path::kLaunch) +
                                 "?ticket=" + done.ticket);
    answer.set("expires_in", done.expiresIn);
    answer.set("display_name", done.displayName);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, answer);
}

} // namespace dcc::server
