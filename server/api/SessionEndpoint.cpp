#include "server/api/SessionEndpoint.h"

#include "common/ProtocolError.h"
#include "server/auth/SessionManager.h"
#include "server/http/HttpResponses.h"
#include "server/http/SessionCookie.h"

#include <Poco/JSON/Array.h>

namespace dcc::server {

void SessionEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response)
{
    const SessionCookie cookie(m_services.secure);
    const auto session = m_services.sessions.current(cookie.read(request));
    if (!session)
        throw ProtocolError(ErrorCode::Unauthorized, "no valid session");
    Poco::JSON::Object body;
    body.set("identifier", session->account.identifier);
    body.set("display_name", session->account.displayName);
    body.set("method", session->record.method);
    Poco::JSON::Array amr;
    amr.add(std::string("pwd"));
    amr.add(session->record.method == "cps" ? std::string("sc") : std::string("otp"));
    body.set("amr", amr);
    if (session->account.nationalId)
        body.set("national_id", *session->account.nationalId);
    body.set("authenticated_at", static_cast<Poco::Int64>(session->record.createdAt));
    body.set("expires_at",
             static_cast<Poco::Int64>(m_services.sessions.idleDeadline(session->record)));
    body.set("absolute_expires_at", static_cast<Poco::Int64>(session->record.expiresAt));
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

} // namespace dcc::server
