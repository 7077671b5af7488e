#include "server/http/HttpSocketImpl.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/types.h>

namespace dcc::server {

HttpSocketImpl::HttpSocketImpl(poco_socket_t descriptor)
    : Poco::Net::StreamSocketImpl(descriptor)
{}

bool HttpSocketImpl::readAvailable(std::size_t limit)
{
    // What the parser read goes, so that `limit` counts unread bytes only: a request cut
    // by the end of a full buffer of pipelined ones must still get the rest of its head.
    m_readAhead.erase(0, m_consumed);
    m_consumed = 0;
    m_readLimit = 0; // between requests: no head is being answered

    while (m_readAhead.size() < limit) {
        const std::size_t had = m_readAhead.size();
        m_readAhead.resize(limit);
        const ssize_t received =
            ::recv(sockfd(), m_readAhead.data() + had, limit - had, MSG_DONTWAIT);
        m_readAhead.resize(had + static_cast<std::size_t>(std::max<ssize_t>(received, 0)));
        if (received > 0 && static_cast<std::size_t>(received) < limit - had)
            return true; // all there was: no second call to learn it
        if (received > 0)
            continue;
        if (received == 0)
            return false; // the peer closed its side
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    }
    return true;
}

bool HttpSocketImpl::sendHeldWrites()
{
    m_holding = false;
    if (m_held.empty())
        return true;
    std::string held;
    held.swap(m_held);
    try {
        return Poco::Net::StreamSocketImpl::sendBytes(held.data(), static_cast<int>(held.size())) ==
               static_cast<int>(held.size());
    } catch (const Poco::Exception&) {
        return false;
    }
}

int HttpSocketImpl::receiveBytes(void* buffer, int length, int flags)
{
    // A client that waits for an interim answer (100 Continue) before sending its body
    // must get it before this read waits for the body.
    if (!m_held.empty() && !sendHeldWrites())
        return 0;
    if (m_readLimit != 0 && m_consumed >= m_readLimit)
        m_readLimit = 0; // more than the head was wanted after all: no limit then
    std::string_view ahead = readAhead();
    if (ahead.empty() || length <= 0)
        return Poco::Net::StreamSocketImpl::receiveBytes(buffer, length, flags);
    if (m_readLimit != 0)
        ahead = ahead.substr(0, m_readLimit - m_consumed);
    const std::size_t count = std::min(ahead.size(), static_cast<std::size_t>(length));
    std::memcpy(buffer, ahead.data(), count);
    if ((flags & MSG_PEEK) == 0)
        m_consumed += count;
    return static_cast<int>(count);
}

int HttpSocketImpl::sendBytes(const void* buffer, int length, int flags)
{
    if (!m_holding || length <= 0)
        return Poco::Net::StreamSocketImpl::sendBytes(buffer, length, flags);
    m_held.append(static_cast<const char*>(buffer), static_cast<std::size_t>(length));
    return length;
}

void HttpSocketImpl::shutdownSend()
{
    sendHeldWrites();
    Poco::Net::StreamSocketImpl::shutdownSend();
}

void HttpSocketImpl::shutdown()
{
    sendHeldWrites();
    Poco::Net::StreamSocketImpl::shutdown();
}

Poco::Net::SocketAddress HttpSocketImpl::address()
{
    if (!m_address)
        m_address = Poco::Net::StreamSocketImpl::address();
    return *m_address;
}

Poco::Net::SocketAddress HttpSocketImpl::peerAddress()
{
    if (!m_peerAddress)
        m_peerAddress = Poco::Net::StreamSocketImpl::peerAddress();
    return *m_peerAddress;
}

int HttpSocketImpl::available()
{
    return static_cast<int>(readAhead().size()) + Poco::Net::StreamSocketImpl::available();
}

} // namespace dcc::server
