#pragma once

#include <string>

namespace dcc::server {

/// Who is asking, as far as the audit and the throttles care.
struct RequestOrigin
{
    std::string clientAddress;
    std::string userAgent;
};

} // namespace dcc::server
