#pragma once

#include <cstdint>
#include <string>

namespace dcc::server {

/// What a finished login hands back, whichever second factor it used: the launch ticket
/// the browser redeems for its session, and the name the client greets the user with.
struct LoginCompleted
{
    std::int64_t accountId = 0;
    std::string ticket;
    std::string displayName;
    int expiresIn = 0;
};

} // namespace dcc::server
