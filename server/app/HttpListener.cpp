#include "server/app/HttpListener.h"

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
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES:!SHA1";
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
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory(router);
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
    m_server = std::make_unique<Poco::Net::HTTPServer>(factory, socket, params);
}

HttpListener::~HttpListener() = default;

} // namespace dcc::server
