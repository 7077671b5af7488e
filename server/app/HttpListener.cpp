#include "server/app/HttpListener.h"

#include "server/http/HttpConnectionFactory.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

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

HttpListener::HttpListener(const ServerConfig& config, Poco::Net::HTTPRequestHandlerFactory* router)
{
    const Poco::Net::HTTPRequestHandlerFactory::Ptr routerOwner(router);
    const Poco::Net::SocketAddress address(config.address, config.port);
    Poco::Net::ServerSocket socket;
    if (config.tls())
        socket = Poco::Net::SecureServerSocket(address, 128, tlsContext(config));
    else
        socket = Poco::Net::ServerSocket(address, 128);

    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.maxThreads);
    params->setMaxQueued(config.maxQueued);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(1000);
    params->setKeepAliveTimeout(Poco::Timespan(15, 0));
    // A client that stops sending (slowloris) loses its thread after this long.
    params->setTimeout(Poco::Timespan(20, 0));
    params->setServerName("dcc-login-server");
    m_threads = std::make_unique<Poco::ThreadPool>("http", 2, config.maxThreads);
    m_connections =
        new HttpConnectionFactory(Poco::Net::HTTPServerParams::Ptr(params, true), routerOwner);
    m_server = std::make_unique<Poco::Net::TCPServer>(
        Poco::Net::TCPServerConnectionFactory::Ptr(m_connections), *m_threads, socket, params);
}

HttpListener::~HttpListener() = default;

void HttpListener::stop()
{
    m_server->stop();
    const bool abortCurrent = false;
    m_connections->serverStopped(m_server.get(), abortCurrent);
}

} // namespace dcc::server
