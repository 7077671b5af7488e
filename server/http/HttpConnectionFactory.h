#pragma once

#include <Poco/BasicEvent.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace dcc::server {

/// Makes an HttpConnection for each accepted client, for a Poco::Net::TCPServer.
class HttpConnectionFactory final : public Poco::Net::TCPServerConnectionFactory
{
public:
    HttpConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                          Poco::Net::HTTPRequestHandlerFactory::Ptr router)
        : m_params(std::move(params))
        , m_router(std::move(router))
    {}

    Poco::Net::TCPServerConnection*
    createConnection(const Poco::Net::StreamSocket& socket) override;

    /// Fired by the listener when it stops (argument: abort the requests in progress);
    /// every open connection then ends after its current request.
    Poco::BasicEvent<const bool> serverStopped;

private:
    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_router;
};

} // namespace dcc::server
