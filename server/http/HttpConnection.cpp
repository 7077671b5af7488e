#include "server/http/HttpConnection.h"

#include "server/http/HttpSocketImpl.h"
#include "server/http/TlsSocketImpl.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <ctime>
#include <memory>

namespace dcc::server {

namespace {

/// The Date field's value (RFC 9110's IMF-fixdate), formatted once per second per thread.
const std::string& httpDate()
{
    thread_local std::time_t second = -1;
    thread_local std::string text;
    const Poco::Timestamp now;
    const std::time_t current = now.epochTime();
    if (current != second) {
        text = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::HTTP_FORMAT);
        second = current;
    }
    return text;
}

} // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket, HttpSocketImpl& plain,
                               const Poco::Net::HTTPServerParams::Ptr& params,
                               Poco::Net::HTTPRequestHandlerFactory& router)
    : HttpConnection(socket, params, router)
{
    m_plain = &plain;
}

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket, TlsSocketImpl& tls,
                               const Poco::Net::HTTPServerParams::Ptr& params,
                               Poco::Net::HTTPRequestHandlerFactory& router)
    : HttpConnection(socket, params, router)
{
    m_tls = &tls;
}

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket,
                               const Poco::Net::HTTPServerParams::Ptr& params,
                               Poco::Net::HTTPRequestHandlerFactory& router)
    : m_params(params)
    , m_router(router)
    , m_session(socket, params)
    , m_requestsLeft(params->getMaxKeepAliveRequests() > 0 ? params->getMaxKeepAliveRequests() : -1)
{}

bool HttpConnection::parserHoldsBytes() const
{
    auto& session = const_cast<Session&>(m_session);
    if (session.buffered() > 0)
        return true;
    if (m_plain != nullptr)
        return false;
    try {
        // TLS: bytes the loop decrypted ahead, and records OpenSSL decrypted since
        // (TlsSocketImpl::available).
        return session.socket().available() > 0;
    } catch (const Poco::Exception&) {
        return false; // the connection failed: the next read reports it
    }
}

bool HttpConnection::holdsUnreadBytes() const
{
    return parserHoldsBytes() || (m_plain != nullptr && !m_plain->readAhead().empty());
}

int HttpConnection::descriptor() const
{
    return const_cast<Session&>(m_session).socket().impl()->sockfd();
}

void HttpConnection::shutdown()
{
    try {
        m_session.socket().shutdown();
    } catch (...) { // already closed by the client
    }
}

HttpConnection::After HttpConnection::serveOne()
{
    if (m_plain == nullptr)
        return serve();
    // The answer's head and body leave in one send.
    m_plain->holdWrites();
    const After after = serve();
    return m_plain->sendHeldWrites() ? after : After::Close;
}

HttpConnection::After HttpConnection::serve()
{
    using Poco::Net::HTTPResponse;
    if (m_requestsLeft > 0)
        --m_requestsLeft;
    // The answer to the last request allowed says so, as Poco's own server does.
    const bool mayKeepAlive = m_requestsLeft != 0;
    try {
        Poco::Net::HTTPServerResponseImpl response(m_session);
        Poco::Net::HTTPServerRequestImpl request(response, m_session, m_params);
        response.set("Date", httpDate());
        response.setVersion(request.getVersion());
        response.setKeepAlive(m_params->getKeepAlive() && request.getKeepAlive() && mayKeepAlive);
        if (!m_params->getSoftwareVersion().empty())
            response.set("Server", m_params->getSoftwareVersion());
        try {
            const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
                m_router.createRequestHandler(request));
            if (!handler) {
                sendError(HTTPResponse::HTTP_NOT_IMPLEMENTED);
                return After::Close;
            }
            if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                response.sendContinue();
            handler->handleRequest(request, response);
            const bool keepAlive =
                m_params->getKeepAlive() && response.getKeepAlive() && mayKeepAlive;
            m_session.setKeepAlive(keepAlive);
            return keepAlive ? After::KeepOpen : After::Close;
        } catch (const Poco::Exception&) {
            if (!response.sent()) {
                try {
                    sendError(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
                } catch (...) { // the client is gone: nothing more to tell it
                }
            }
            return After::Close;
        }
    } catch (const Poco::Net::NoMessageException&) {
        return After::Close; // the client closed the connection between requests
    } catch (const Poco::Net::MessageException&) {
        try {
            sendError(HTTPResponse::HTTP_BAD_REQUEST);
        } catch (...) { // the client is gone
        }
        return After::Close;
    } catch (...) { // a timeout, a reset, a TLS failure: this connection ends, not the server
        return After::Close;
    }
}

void HttpConnection::sendError(Poco::Net::HTTPResponse::HTTPStatus status)
{
    Poco::Net::HTTPServerResponseImpl response(m_session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    m_session.setKeepAlive(false);
}

} // namespace dcc::server
