#include "server/http/SessionCookie.h"

#include "common/Protocol.h"

#include <Poco/Net/NameValueCollection.h>

namespace dcc::server {

std::string SessionCookie::name() const
{
    const std::string secureName(protocol::kSessionCookie);
    return m_secure ? secureName : secureName.substr(std::string_view("__Host-").size());
}

std::string SessionCookie::attributes(std::int64_t maxAgeSeconds) const
{
    return "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) + "; HttpOnly; SameSite=Lax" +
           (m_secure ? "; Secure" : "");
}

void SessionCookie::set(Poco::Net::HTTPServerResponse& response, const std::string& token,
                        std::int64_t maxAgeSeconds) const
{
    // Written by hand: Poco's HTTPCookie has no SameSite in 1.11.
    response.add("Set-Cookie", name() + "=" + token + attributes(maxAgeSeconds));
}

void SessionCookie::clear(Poco::Net::HTTPServerResponse& response) const
{
    response.add("Set-Cookie", name() + "=" + attributes(0));
}

std::string SessionCookie::read(const Poco::Net::HTTPRequest& request) const
{
    const std::string authorization = request.get("Authorization", "");
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.starts_with(kBearer))
        return authorization.substr(kBearer.size());
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    return cookies.get(name(), "");
}

} // namespace dcc::server
