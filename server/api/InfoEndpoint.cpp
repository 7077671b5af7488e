#include "server/api/InfoEndpoint.h"

#include "common/Protocol.h"
#include "server/auth/Clock.h"
#include "server/http/HttpResponses.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace dcc::server {

void InfoEndpoint::handleRequest(Poco::Net::HTTPServerRequest&,
                                 Poco::Net::HTTPServerResponse& response)
{
    Poco::JSON::Object body;
    body.set("service", std::string("dcc-login-server"));
    body.set("version", m_services.version);
    body.set("server_time", static_cast<Poco::Int64>(m_services.clock.now()));
    Poco::JSON::Array methods;
    for (const std::string& method : m_services.methods)
        methods.add(method);
    body.set("methods", methods);
    Poco::JSON::Parser parser;
    body.set("password_policy", parser.parse(m_services.passwordPolicy.toJson()));
    Poco::JSON::Object otp;
    otp.set("length", static_cast<int>(protocol::kOtpDigits));
    otp.set("lifetime", m_services.settings.otpLifetime);
    otp.set("resend_delay", m_services.settings.otpResendDelay);
    body.set("otp", otp);
    HttpResponses::json(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

} // namespace dcc::server
