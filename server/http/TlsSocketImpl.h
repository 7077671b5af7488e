#pragma once

#include <Poco/Net/Context.h>
#include <Poco/Net/SecureStreamSocketImpl.h>
#include <Poco/Net/StreamSocket.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace dcc::server {

/// The socket of a TLS connection, whose handshake and request heads the connection loop
/// takes as they arrive, without waiting, as it does for plain connections (HttpSocketImpl):
/// a client that stops halfway through either (slowloris over TLS) holds no worker.
///
/// The loop reads with the socket non-blocking (readAvailable); OpenSSL's "want read" then
/// means "come back when the socket is readable". A worker reads with it blocking
/// (setWaiting(true)), within the request timeout; its first reads return the bytes the loop
/// already decrypted.
class TlsSocketImpl final : public Poco::Net::SecureStreamSocketImpl
{
public:
    /// Server side of the accepted TCP connection `accepted`; no byte is exchanged yet.
    TlsSocketImpl(const Poco::Net::StreamSocket& accepted, Poco::Net::Context::Ptr context);

    enum class Progress
    {
        Read,        ///< what had arrived is read (possibly nothing)
        Ended,       ///< the peer closed the connection, or TLS failed
        NeedsWorker, ///< OpenSSL must write before it can read on: a blocking worker will
    };
    /// Goes on with the handshake, then decrypts what has arrived after the bytes already
    /// taken, up to `limit` bytes taken and not yet read. Leaves the socket non-blocking.
    Progress readAvailable(std::size_t limit);
    /// The bytes decrypted and not yet read by the parser.
    [[nodiscard]] std::string_view readAhead() const noexcept
    {
        return std::string_view(m_readAhead).substr(m_consumed);
    }

    /// true: reads and writes wait (a worker); false: they return at once (the loop).
    void setWaiting(bool waiting);

    int receiveBytes(void* buffer, int length, int flags = 0) override;
    /// Read-ahead bytes, and records OpenSSL decrypted and nobody read yet.
    int available() override;

protected:
    ~TlsSocketImpl() override = default;

private:
    /// The TCP socket under TLS, whose blocking flag OpenSSL's error handling consults
    /// (this object's own flag is not the one Poco's TLS code reads).
    Poco::Net::StreamSocket m_tcp;
    std::string m_readAhead;
    std::size_t m_consumed = 0;
};

} // namespace dcc::server
