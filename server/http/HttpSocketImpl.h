#pragma once

#include <Poco/Net/StreamSocketImpl.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dcc::server {

/// The plain TCP socket of an HttpConnection, with these differences from Poco's:
/// * Reads first return the bytes the connection loop already took from it. The loop reads
///   a request's head as it arrives, without waiting, until it is whole; Poco's parser then
///   reads the same bytes through this socket. Taking them (rather than peeking) is what
///   lets the loop wait for the rest: the socket is readable again only when new bytes come.
/// * Between holdWrites() and sendHeldWrites(), writes are gathered and go out in one send:
///   Poco writes an answer's head and body separately, and each send on its own costs a
///   trip through the TCP stack and a wake-up of the client.
/// * Its addresses are asked of the system once.
class HttpSocketImpl final : public Poco::Net::StreamSocketImpl
{
public:
    explicit HttpSocketImpl(poco_socket_t descriptor);

    /// Reads what has arrived without waiting, after the bytes already taken, up to
    /// `limit` bytes taken and not yet read. Returns false when the peer closed the
    /// connection or it failed; true otherwise, even when nothing new had arrived.
    bool readAvailable(std::size_t limit);
    /// The bytes taken and not yet read by the parser.
    [[nodiscard]] std::string_view readAhead() const noexcept
    {
        return std::string_view(m_readAhead).substr(m_consumed);
    }

    /// The parser's next reads return at most `bytes` more of the read-ahead: the head the
    /// loop answers, and not the requests pipelined after it, which the parser would keep
    /// in its own buffer out of the loop's sight.
    void limitNextReads(std::size_t bytes) noexcept { m_readLimit = m_consumed + bytes; }

    void holdWrites() noexcept { m_holding = true; }
    /// Sends what was held, waiting as a blocking send does; false when it failed (the
    /// client is gone). Writes go straight out again afterwards.
    bool sendHeldWrites();

    int receiveBytes(void* buffer, int length, int flags = 0) override;
    int sendBytes(const void* buffer, int length, int flags = 0) override;
    int available() override;
    /// Held writes go out first: Poco ends an answer without a length by shutting down
    /// the sending side, which must come after the answer.
    void shutdownSend() override;
    void shutdown() override;
    /// Both ends' addresses, asked of the system once: Poco asks for them on every request.
    Poco::Net::SocketAddress address() override;
    Poco::Net::SocketAddress peerAddress() override;

protected:
    ~HttpSocketImpl() override = default;

private:
    std::string m_readAhead;
    std::size_t m_consumed = 0;
    std::size_t m_readLimit = 0; ///< in m_readAhead; 0: none
    bool m_holding = false;
    std::string m_held;
    std::optional<Poco::Net::SocketAddress> m_address;
    std::optional<Poco::Net::SocketAddress> m_peerAddress;
};

} // namespace dcc::server
