#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>

namespace dcc::server {

class HttpSocketImpl;
class TlsSocketImpl;

/// One client connection and its keep-alive requests, served one at a time: by the
/// connection loop that watches it when the request is quick and has fully arrived, else by
/// a worker thread (ConnectionLoop). Between two requests the connection holds no thread.
class HttpConnection final
{
public:
    enum class After
    {
        KeepOpen, ///< another request may come
        Close,    ///< the connection ends: its last answer said so, or it failed
    };

    /// A plain connection: `socket` holds `plain`, through which the loop reads heads.
    HttpConnection(const Poco::Net::StreamSocket& socket, HttpSocketImpl& plain,
                   const Poco::Net::HTTPServerParams::Ptr& params,
                   Poco::Net::HTTPRequestHandlerFactory& router);
    /// A TLS connection: `socket` holds `tls`, through which the loop reads heads.
    HttpConnection(const Poco::Net::StreamSocket& socket, TlsSocketImpl& tls,
                   const Poco::Net::HTTPServerParams::Ptr& params,
                   Poco::Net::HTTPRequestHandlerFactory& router);
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    /// Reads one request, has the router's handler answer it, and says whether the
    /// connection goes on. Reads wait for missing bytes up to the server's request timeout;
    /// every error is handled here (an answer if one can still be sent, then Close).
    After serveOne();

    /// Bytes of the next request that the parser (or TLS) already holds, pipelined after
    /// the last one: the socket will not signal them, and only a worker may read them.
    [[nodiscard]] bool parserHoldsBytes() const;
    /// The parser's bytes, or bytes the loop read ahead and nothing has read yet: another
    /// request may be there without the socket signalling it.
    [[nodiscard]] bool holdsUnreadBytes() const;
    /// The socket of a plain connection; null for TLS.
    [[nodiscard]] HttpSocketImpl* plainSocket() const noexcept { return m_plain; }
    /// The socket of a TLS connection; null for plain.
    [[nodiscard]] TlsSocketImpl* tlsSocket() const noexcept { return m_tls; }
    [[nodiscard]] int descriptor() const;
    /// Ends the connection: pending reads return, the peer sees the end.
    void shutdown();

    // Kept by the connection loop that owns the connection, and touched only by its thread.
    std::chrono::steady_clock::time_point deadline;
    bool withWorker = false;
    bool awaitingRestOfHead = false;

private:
    class Session : public Poco::Net::HTTPServerSession
    {
    public:
        using Poco::Net::HTTPServerSession::buffered;
        using Poco::Net::HTTPServerSession::HTTPServerSession;
    };

    After serve();
    void sendError(Poco::Net::HTTPResponse::HTTPStatus status);

    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPRequestHandlerFactory& m_router;
    Session m_session;
    HttpConnection(const Poco::Net::StreamSocket& socket,
                   const Poco::Net::HTTPServerParams::Ptr& params,
                   Poco::Net::HTTPRequestHandlerFactory& router);

    HttpSocketImpl* m_plain = nullptr; ///< owned by m_session's socket
    TlsSocketImpl* m_tls = nullptr;    ///< owned by m_session's socket
    int m_requestsLeft;                ///< below 0: no limit
};

} // namespace dcc::server
