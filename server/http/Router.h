#pragma once

#include "server/http/Route.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <set>
#include <string>
#include <vector>

namespace dcc::server {

class Metrics;

/// Routes each request by exact method and path to its endpoint, wrapped in the
/// decorators every request goes through:
///   request id → security headers → access log → error mapping → body limit → endpoint.
/// Unknown paths answer 404, known paths with another method 405 (with Allow).
class Router final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    struct Options
    {
        std::size_t maxBodyBytes = 64 * 1024;
        bool secure = false;
        /// Proxies whose X-Forwarded-For is believed (the load balancer's addresses).
        std::set<std::string> trustedProxies;
        /// The page for errors on paths outside /api/, and its security policy.
        std::function<std::string(ErrorCode, const std::string& acceptLanguage)> errorPage;
        std::string pageSecurityPolicy;
    };

    Router(std::vector<Route> routes, Metrics& metrics, Options options);

    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

    /// Whether the request with this head goes to a quick endpoint (Route::quick).
    [[nodiscard]] bool answersFromMemory(const Poco::Net::HTTPRequest& head) const;

    /// The client's address: the peer, or for a trusted proxy the last address it added.
    [[nodiscard]] std::string clientAddress(const Poco::Net::HTTPServerRequest& request) const;

private:
    std::vector<Route> m_routes;
    Metrics& m_metrics;
    Options m_options;
};

} // namespace dcc::server
