#pragma once

#include "server/app/ServerConfig.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>

namespace dcc::server {

class HttpConnectionFactory;

/// The listening socket and Poco's TCP server handing each client to an HttpConnection
/// around the router: HTTPS (TLS 1.2 or newer) with the configured certificate, or plain
/// HTTP on a loopback address.
class HttpListener
{
public:
    /// Takes ownership of `router`. Throws ConfigError naming the key for unusable TLS
    /// files, and Poco::Net exceptions when the address cannot be bound.
    HttpListener(const ServerConfig& config, Poco::Net::HTTPRequestHandlerFactory* router);
    ~HttpListener();

    void start() { m_server->start(); }
    /// Stops accepting and waits for the requests in progress (bounded by Poco).
    void stop();
    [[nodiscard]] std::uint16_t port() const { return m_server->port(); }

private:
    // Declared before the server, which runs on it: destroyed after it.
    // Poco's default pool stops at 16 threads whatever server.maxThreads says, and a
    // keep-alive connection holds its thread: the 17th client would wait in the queue.
    std::unique_ptr<Poco::ThreadPool> m_threads;
    HttpConnectionFactory* m_connections = nullptr; ///< owned by m_server
    std::unique_ptr<Poco::Net::TCPServer> m_server;
};

} // namespace dcc::server
