#include "server/http/TlsSocketImpl.h"

#include <Poco/Net/SecureStreamSocket.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace dcc::server {

TlsSocketImpl::TlsSocketImpl(const Poco::Net::StreamSocket& accepted,
                             Poco::Net::Context::Ptr context)
    : Poco::Net::SecureStreamSocketImpl(static_cast<Poco::Net::StreamSocketImpl*>(accepted.impl()),
                                        std::move(context))
    , m_tcp(accepted)
{
    acceptSSL(); // server side; the handshake happens on the first reads
}

TlsSocketImpl::Progress TlsSocketImpl::readAvailable(std::size_t limit)
{
    m_readAhead.erase(0, m_consumed); // `limit` counts unread bytes only
    m_consumed = 0;
    setWaiting(false);
    std::array<char, 4096> buffer{};
    while (m_readAhead.size() < limit) {
        const int wanted = static_cast<int>(std::min(buffer.size(), limit - m_readAhead.size()));
        int received = 0;
        try {
            received = Poco::Net::SecureStreamSocketImpl::receiveBytes(buffer.data(), wanted);
        } catch (const Poco::Exception&) {
            return Progress::Ended; // a failed handshake, a reset, a malformed record
        }
        if (received > 0) {
            m_readAhead.append(buffer.data(), static_cast<std::size_t>(received));
            continue;
        }
        if (received == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_READ)
            return Progress::Read;
        if (received == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE)
            return Progress::NeedsWorker;
        return Progress::Ended;
    }
    return Progress::Read;
}

void TlsSocketImpl::setWaiting(bool waiting)
{
    if (m_tcp.getBlocking() != waiting)
        m_tcp.setBlocking(waiting);
}

int TlsSocketImpl::receiveBytes(void* buffer, int length, int flags)
{
    const std::string_view ahead = readAhead();
    if (ahead.empty() || length <= 0)
        return Poco::Net::SecureStreamSocketImpl::receiveBytes(buffer, length, flags);
    const std::size_t count = std::min(ahead.size(), static_cast<std::size_t>(length));
    std::memcpy(buffer, ahead.data(), count);
    m_consumed += count;
    return static_cast<int>(count);
}

int TlsSocketImpl::available()
{
    return static_cast<int>(readAhead().size()) + Poco::Net::SecureStreamSocketImpl::available();
}

} // namespace dcc::server
