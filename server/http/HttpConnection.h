#pragma once

#include <Poco/BasicEvent.h>
#include <Poco/Mutex.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>

#include <atomic>

namespace Poco::Net {
class HTTPServerSession;
}

namespace dcc::server {

/// One client connection, its keep-alive requests served one after the other as Poco's
/// HTTPServerConnection does, except for the wait for the next request: one poll(2) on the
/// socket. Poco 1.11's Socket::poll creates, fills and closes an epoll instance on every
/// call, about a tenth of a small request's time (docs/BENCHMARKS.md, server (b)).
class HttpConnection final : public Poco::Net::TCPServerConnection
{
public:
    /// `serverStopped` (the factory's, which outlives its connections) fires when the
    /// listener stops, with whether to abort the request in progress.
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                   Poco::BasicEvent<const bool>& serverStopped);
    ~HttpConnection() override;
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    void run() override;

private:
    /// On serverStopped: no new request; the socket is shut down, at once when
    /// `abortCurrent`, else after the request in progress.
    void onServerStopped(const bool& abortCurrent);
    static void sendError(Poco::Net::HTTPServerSession& session,
                          Poco::Net::HTTPResponse::HTTPStatus status);

    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_factory;
    Poco::BasicEvent<const bool>& m_serverStopped;
    std::atomic<bool> m_stopped{false};
    Poco::FastMutex m_requestInProgress;
};

} // namespace dcc::server
