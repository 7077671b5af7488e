#include "server/app/HttpListener.h"

#include "server/http/RequestWorkers.h"
#include "server/http/Router.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <algorithm>
#include <thread>

namespace dcc::server {

namespace {

Poco::Net::Context::Ptr tlsContext(const ServerConfig& config)
{
    Poco::Net::Context::Params params;
    params.certificateFile = config.tlsCertificate;
    params.privateKeyFile = config.tlsPrivateKey;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE; // no client certificates
    params.loadDefaultCAs = false;
    // TLS 1.2: AEAD suites with an ephemeral key exchange only (forward secrecy), as the
    // ANSSI TLS guide and Mozilla's "intermediate" profile ask; TLS 1.3 suites are all AEAD.
    params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20:!aNULL:!eNULL:!DSS";
    Poco::Net::Context::Ptr context;
    try {
        context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    } catch (const Poco::Exception& e) {
        throw ConfigError("tls.certificate / tls.privateKey: cannot use them: " + e.displayText());
    }
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->preferServerCiphers();
    return context;
}

} // namespace

HttpListener::HttpListener(const ServerConfig& config, Router* router)
    : m_router(router)
{
    const Poco::Net::SocketAddress address(config.address, config.port);
    // The loops accept plain TCP and do TLS themselves (TlsSocketImpl).
    const Poco::Net::Context::Ptr tls = config.tls() ? tlsContext(config) : nullptr;
    Poco::Net::ServerSocket socket(address, 128);
    m_port = socket.address().port();

    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(1000);
    params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveTimeout, 0));
    // A client that stops sending (slowloris) loses its connection after this long; while
    // its request's head trickles in, it holds no thread.
    params->setTimeout(Poco::Timespan(config.requestTimeout, 0));
    params->setServerName("dcc-login-server");
    m_shared.params = Poco::Net::HTTPServerParams::Ptr(params);
    m_shared.router = m_router.get();
    m_shared.maxConnections = static_cast<std::size_t>(config.maxConnections);
    m_workers = std::make_unique<RequestWorkers>(static_cast<std::size_t>(config.maxThreads),
                                                 static_cast<std::size_t>(config.maxQueued));
    m_shared.workers = m_workers.get();

    const std::size_t loopCount = config.ioThreads > 0
                                      ? static_cast<std::size_t>(config.ioThreads)
                                      : std::max(1U, std::thread::hardware_concurrency());
    std::vector<ConnectionLoop*> loops;
    for (std::size_t i = 0; i < loopCount; ++i) {
        m_loops.push_back(std::make_unique<ConnectionLoop>(m_shared));
        loops.push_back(m_loops.back().get());
    }
    m_loops.front()->accept(std::move(socket), loops, tls);
}

HttpListener::~HttpListener()
{
    stop();
}

void HttpListener::start()
{
    for (const auto& loop : m_loops)
        loop->start();
    m_started = true;
}

void HttpListener::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (const auto& loop : m_loops)
        loop->stop();
    // The queued and running requests are answered; their connections then close, and
    // each loop ends once it has none left.
    m_workers->finish();
    for (const auto& loop : m_loops)
        loop->join();
}

} // namespace dcc::server
