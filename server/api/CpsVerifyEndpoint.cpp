#include "server/api/CpsVerifyEndpoint.h"

#include "common/Protocol.h"
#include "server/api/FieldLimits.h"
#include "server/api/LoginCompletedBody.h"
#include "server/auth/CpsLogin.h"
#include "server/http/HttpResponses.h"
#include "server/http/JsonRequest.h"

namespace dcc::server {

void CpsVerifyEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
    const JsonRequest body = JsonRequest::read(request, protocol::kMaxBodyBytes);
    const std::string flow = body.requiredString("flow", limits::kToken);
    const std::string certificate = body.requiredString("certificate", limits::kCertificate);
    const std::string signature = body.requiredString("signature", limits::kSignature);
    const std::string algorithm = body.requiredString("algorithm", limits::kAlgorithm);
    const CpsLogin::Completed done =
        m_services.cpsLogin->verify(flow, certificate, signature, algorithm, context().origin);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK,
                        loginCompletedBody(m_services.publicOrigin, done));
}

} // namespace dcc::server
