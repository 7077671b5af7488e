#include "server/api/SessionEndpoint.h"

#include "common/ProtocolError.h"
#include "server/auth/SessionManager.h"
#include "server/http/HttpResponses.h"
#include "server/http/SessionCookie.h"

#include <Poco/JSONString.h>

namespace dcc::server {

void SessionEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response)
{
    const SessionCookie cookie(m_services.secure);
    const auto session = m_services.sessions.current(cookie.read(request));
    if (!session)
        throw ProtocolError(ErrorCode::Unauthorized, "no valid session");
    // Written out rather than through a Poco::JSON::Object: the object's map and its
    // stringifier were a third of a cached session check (docs/BENCHMARKS.md). Keys in
    // the order Poco would give them, texts quoted and escaped as Poco's stringifier does.
    const auto quoted = [](const std::string& text) {
        return Poco::toJSON(text, Poco::JSON_WRAP_STRINGS);
    };
    const SessionRecord& record = session->record;
    std::string body = "{\"absolute_expires_at\":" + std::to_string(record.expiresAt);
    body += ",\"amr\":[\"pwd\",";
    body += record.method == "cps" ? "\"sc\"]" : "\"otp\"]";
    body += ",\"authenticated_at\":" + std::to_string(record.createdAt);
    body += ",\"display_name\":" + quoted(session->account.displayName);
    body += ",\"expires_at\":" + std::to_string(m_services.sessions.idleDeadline(record));
    body += ",\"identifier\":" + quoted(session->account.identifier);
    body += ",\"method\":" + quoted(record.method);
    if (session->account.nationalId)
        body += ",\"national_id\":" + quoted(*session->account.nationalId);
    body += '}';
    HttpResponses::text(response, Poco::Net::HTTPResponse::HTTP_OK,
                        "application/json; charset=utf-8", body);
}

} // namespace dcc::server
