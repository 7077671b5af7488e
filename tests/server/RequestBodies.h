#pragma once

#include "common/Bytes.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <string>

// The JSON bodies the server suites send, written once.
namespace dcc::test {

/// {"identifier": …, "password": …}: the password step of both logins.
inline Poco::JSON::Object credentials(const std::string& identifier, const std::string& password)
{
    Poco::JSON::Object body;
    body.set("identifier", identifier);
    body.set("password", password);
    return body;
}

/// {"flow": …[, "code": …]}: the code steps (verify, resend).
inline Poco::JSON::Object flowBody(const std::string& flow, const std::string& code = {})
{
    Poco::JSON::Object body;
    body.set("flow", flow);
    if (!code.empty())
        body.set("code", code);
    return body;
}

/// A different code than `code`, so that a "wrong code" is never right by chance.
inline std::string otherCode(const std::string& code)
{
    std::string other = code;
    other[0] = other[0] == '9' ? '0' : static_cast<char>(other[0] + 1);
    return other;
}

/// Standard base64 on one line, as the client sends certificates and signatures.
inline std::string base64(const dcc::Bytes& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

} // namespace dcc::test
