#include "server/api/LogoutEndpoint.h"

#include "common/Protocol.h"
#include "common/ProtocolError.h"
#include "server/auth/SessionManager.h"
#include "server/http/HttpResponses.h"
#include "server/http/SessionCookie.h"

#include <Poco/Net/HTTPServerRequest.h>

namespace dcc::server {

void LogoutEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response)
{
    const SessionCookie cookie(m_services.secure);
    const bool closed = m_services.sessions.close(cookie.read(request), context().origin);
    cookie.clear(response);
    if (request.getContentType().starts_with("application/x-www-form-urlencoded")) {
        HttpResponses::redirect(response, std::string(protocol::path::kDemoDcc),
                                Poco::Net::HTTPResponse::HTTP_SEE_OTHER);
        return;
    }
    if (!closed)
        throw ProtocolError(ErrorCode::Unauthorized, "no valid session");
    HttpResponses::noContent(response);
}

} // namespace dcc::server
