#pragma once

#include "server/auth/OtpLogin.h"

#include <Poco/JSON/Object.h>

namespace dcc::server {

/// The answer of the OTP start and resend steps.
inline Poco::JSON::Object codeSentBody(const OtpLogin::CodeSent& sent)
{
    Poco::JSON::Object body;
    body.set("flow", sent.flow);
    body.set("channel", sent.maskedChannel);
    body.set("expires_in", sent.expiresIn);
    body.set("resend_in", sent.resendIn);
    return body;
}

} // namespace dcc::server
