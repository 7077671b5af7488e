#pragma once

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace dcc::server {

/// The session cookie handed to the browser at /launch. Over HTTPS it is
/// `__Host-dcc_session` (Secure, HttpOnly, SameSite=Lax, Path=/, no Domain): the prefix
/// pins it to this exact origin. Plain HTTP is allowed on loopback only, for development;
/// there a __Host- cookie would be refused, so the closest valid one is used: the same
/// without the prefix and without Secure.
class SessionCookie
{
public:
    explicit SessionCookie(bool secure)
        : m_secure(secure)
    {}

    [[nodiscard]] std::string name() const;
    void set(Poco::Net::HTTPServerResponse& response, const std::string& token,
             std::int64_t maxAgeSeconds) const;
    void clear(Poco::Net::HTTPServerResponse& response) const;
    /// The token from the cookie, or from "Authorization: Bearer …" for API clients.
    /// Takes a bare head too: the connection loop asks whether a check is cached.
    [[nodiscard]] std::string read(const Poco::Net::HTTPRequest& request) const;

private:
    [[nodiscard]] std::string attributes(std::int64_t maxAgeSeconds) const;

    bool m_secure;
};

} // namespace dcc::server
