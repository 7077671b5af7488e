#include "server/http/HttpConnection.h"

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <cerrno>
#include <memory>
#include <poll.h>

namespace dcc::server {

namespace {

/// Poco's server session, with its rule for "is another request coming" (a first request
/// within the timeout, then at most maxKeepAliveRequests within the keep-alive timeout)
/// kept here, where the wait is a plain poll(2).
class KeepAliveSession final : public Poco::Net::HTTPServerSession
{
public:
    KeepAliveSession(const Poco::Net::StreamSocket& socket,
                     const Poco::Net::HTTPServerParams::Ptr& params)
        : Poco::Net::HTTPServerSession(socket, params)
        , m_requestsLeft(params->getMaxKeepAliveRequests())
        , m_keepAliveTimeout(params->getKeepAliveTimeout())
    {}

    bool nextRequestArrives()
    {
        if (!socket().impl()->initialized())
            return false;
        if (m_first) {
            m_first = false;
            --m_requestsLeft; // from 0 (no limit) to -1: still no limit
            return readable(getTimeout());
        }
        if (m_requestsLeft == 0 || !getKeepAlive())
            return false;
        if (m_requestsLeft > 0)
            --m_requestsLeft;
        return buffered() > 0 || readable(m_keepAliveTimeout);
    }
    /// Whether the answer may promise another request on this connection.
    [[nodiscard]] bool mayKeepAlive() const { return m_requestsLeft != 0; }

private:
    bool readable(const Poco::Timespan& timeout)
    {
        pollfd watched{};
        watched.fd = socket().impl()->sockfd();
        watched.events = POLLIN;
        const auto milliseconds = static_cast<int>(timeout.totalMilliseconds());
        for (;;) {
            const int ready = ::poll(&watched, 1, milliseconds);
            if (ready >= 0)
                return ready > 0; // data, or a hang-up the next read reports
            if (errno != EINTR)
                return false;
        }
    }

    bool m_first = true;
    int m_requestsLeft;
    Poco::Timespan m_keepAliveTimeout;
};

} // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket,
                               Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                               Poco::BasicEvent<const bool>& serverStopped)
    : Poco::Net::TCPServerConnection(socket)
    , m_params(std::move(params))
    , m_factory(std::move(factory))
    , m_serverStopped(serverStopped)
{
    m_serverStopped += Poco::delegate(this, &HttpConnection::onServerStopped);
}

HttpConnection::~HttpConnection()
{
    try {
        m_serverStopped -= Poco::delegate(this, &HttpConnection::onServerStopped);
    } catch (...) { // nothing to do about a failed unsubscription while being destroyed
    }
}

void HttpConnection::run()
{
    using Poco::Net::HTTPResponse;
    const std::string server = m_params->getSoftwareVersion();
    KeepAliveSession session(socket(), m_params);
    while (!m_stopped && session.nextRequestArrives()) {
        try {
            const Poco::FastMutex::ScopedLock lock(m_requestInProgress);
            if (m_stopped)
                break;
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, m_params);
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(m_params->getKeepAlive() && request.getKeepAlive() &&
                                  session.mayKeepAlive());
            if (!server.empty())
                response.set("Server", server);
            try {
                const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
                    m_factory->createRequestHandler(request));
                if (!handler) {
                    sendError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
                    continue;
                }
                if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                    response.sendContinue();
                handler->handleRequest(request, response);
                session.setKeepAlive(m_params->getKeepAlive() && response.getKeepAlive() &&
                                     session.mayKeepAlive());
            } catch (const Poco::Exception&) {
                if (!response.sent()) {
                    try {
                        sendError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
                    } catch (...) { // the client is gone: the first error is the one to report
                    }
                }
                throw;
            }
        } catch (const Poco::Net::NoMessageException&) {
            break; // the client closed the connection between requests
        } catch (const Poco::Net::MessageException&) {
            sendError(session, HTTPResponse::HTTP_BAD_REQUEST);
        }
    }
}

void HttpConnection::sendError(Poco::Net::HTTPServerSession& session,
                               Poco::Net::HTTPResponse::HTTPStatus status)
{
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
}

void HttpConnection::onServerStopped(const bool& abortCurrent)
{
    m_stopped = true;
    // Shut down, the socket wakes the poll; without abortCurrent, the request in progress
    // is answered first.
    std::unique_ptr<Poco::FastMutex::ScopedLock> lock;
    if (!abortCurrent)
        lock = std::make_unique<Poco::FastMutex::ScopedLock>(m_requestInProgress);
    try {
        socket().shutdown();
    } catch (...) { // already closed by the client
    }
}

} // namespace dcc::server
