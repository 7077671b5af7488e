#pragma once

#include "common/Protocol.h"
#include "server/auth/LoginCompleted.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace dcc::server {

/// The answer of a finished login, whatever its method: where the browser goes to pick
/// up the session, for how long, and the name the client greets the user with.
inline Poco::JSON::Object loginCompletedBody(const std::string& publicOrigin,
                                             const LoginCompleted& done)
{
    Poco::JSON::Object body;
    body.set("launch_url",
             publicOrigin + std::string(protocol::path::kLaunch) + "?ticket=" + done.ticket);
    body.set("expires_in", done.expiresIn);
    body.set("display_name", done.displayName);
    return body;
}

} // namespace dcc::server
