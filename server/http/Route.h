#pragma once

#include "server/http/RequestContext.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <functional>
#include <memory>
#include <string>

namespace dcc::server {

/// One endpoint: method and path, a name for logs and metrics, and how to make its
/// handler for one request.
struct Route
{
    using Factory = std::function<std::unique_ptr<Poco::Net::HTTPRequestHandler>(
        std::shared_ptr<RequestContext>)>;

    std::string method;
    std::string path;
    std::string name;
    Factory create;
    RequestContext::Kind kind = RequestContext::Kind::Api;
    std::string loginMethod; ///< set for the steps of a login
    std::string loginStep;
};

} // namespace dcc::server
