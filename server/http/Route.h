#pragma once

#include "server/http/RequestContext.h"

#include <Poco/Net/HTTPRequest.h>
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
    /// Set for the endpoints that answer from memory, without waiting on the database, a
    /// mail server or a password hash, when this returns true for the request's head: the
    /// connection loop then answers them itself instead of handing them to a worker
    /// (ConnectionLoop). A wait there would hold up every connection of the loop.
    using Quick = std::function<bool(const Poco::Net::HTTPRequest& head)>;
    Quick quick;
};

} // namespace dcc::server
