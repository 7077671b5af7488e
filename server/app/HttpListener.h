#pragma once

#include "server/app/ServerConfig.h"
#include "server/http/ConnectionLoop.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace dcc::server {

class RequestWorkers;
class Router;

/// The listening socket and the connection loops serving it, with the worker threads they
/// hand waiting requests to: HTTPS (TLS 1.2 or newer) with the configured certificate, or
/// plain HTTP on a loopback address.
class HttpListener
{
public:
    /// Takes ownership of `router`. Throws ConfigError naming the key for unusable TLS
    /// files, and Poco::Net exceptions when the address cannot be bound.
    HttpListener(const ServerConfig& config, Router* router);
    ~HttpListener();
    HttpListener(const HttpListener&) = delete;
    HttpListener& operator=(const HttpListener&) = delete;

    void start();
    /// Stops accepting, closes idle connections and waits for the requests in progress.
    void stop();
    [[nodiscard]] std::uint16_t port() const { return m_port; }

private:
    std::unique_ptr<Router> m_router;
    ConnectionLoop::Shared m_shared;
    std::unique_ptr<RequestWorkers> m_workers;
    std::vector<std::unique_ptr<ConnectionLoop>> m_loops;
    std::uint16_t m_port = 0;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace dcc::server
