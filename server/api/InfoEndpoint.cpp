#include "server/api/InfoEndpoint.h"

#include "common/Protocol.h"
#include "server/auth/Clock.h"
#include "server/http/HttpResponses.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace dcc::server {

std::string InfoEndpoint::fixedFields(const ApiServices& services)
{
    Poco::JSON::Object body;
    body.set("service", std::string("dcc-login-server"));
    body.set("version", services.version);
    Poco::JSON::Array methods;
    for (const std::string& method : services.methods)
        methods.add(method);
    body.set("methods", methods);
    Poco::JSON::Parser parser;
    body.set("password_policy", parser.parse(services.passwordPolicy.toJson()));
    Poco::JSON::Object otp;
    otp.set("length", static_cast<int>(protocol::kOtpDigits));
    otp.set("lifetime", services.settings.otpLifetime);
    otp.set("resend_delay", services.settings.otpResendDelay);
    body.set("otp", otp);
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

void InfoEndpoint::handleRequest(Poco::Net::HTTPServerRequest&,
                                 Poco::Net::HTTPServerResponse& response)
{
    // {"server_time":N, + the fixed fields without their opening brace.
    const std::string& fixed = m_services.infoFields;
    std::string body = "{\"server_time\":" + std::to_string(m_services.clock.now());
    if (fixed.size() > 2)
        body += ',';
    body.append(fixed, 1);
    HttpResponses::text(response, Poco::Net::HTTPResponse::HTTP_OK,
                        "application/json; charset=utf-8", body);
}

} // namespace dcc::server
