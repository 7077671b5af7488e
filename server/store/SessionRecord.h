#pragma once

#include <cstdint>
#include <string>

namespace dcc::server {

/// A browser or API session as stored (the token itself is never stored).
struct SessionRecord
{
    std::string tokenHash;
    std::int64_t accountId = 0;
    std::string method;
    std::int64_t createdAt = 0;
    std::int64_t lastSeenAt = 0;
    std::int64_t expiresAt = 0; ///< absolute end
    std::string clientAddress;
    std::string userAgent;
};

} // namespace dcc::server
