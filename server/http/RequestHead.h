#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <cstddef>
#include <string_view>

namespace dcc::server {

/// The next request of a connection as far as the bytes already received show it, read
/// without taking them from the socket: whether its head has arrived whole, and if so what
/// it asks. The connection loop decides from it whether to answer the request itself, to
/// wait for the rest, or to hand the connection to a worker thread.
class RequestHead
{
public:
    enum class State
    {
        Incomplete, ///< the blank line ending the head has not arrived yet
        Complete,   ///< the head has arrived; request() holds it
        Unreadable, ///< not a head this class reads: the worker's full parser answers it
    };

    /// `bytes` are the first bytes waiting on the connection.
    static RequestHead inspect(std::string_view bytes);

    [[nodiscard]] State state() const noexcept { return m_state; }
    /// Method, target and header fields; meaningful when state() is Complete.
    [[nodiscard]] const Poco::Net::HTTPRequest& request() const noexcept { return m_request; }
    /// Whether a body follows the head (Content-Length above 0 or Transfer-Encoding): its
    /// bytes may still be on their way, and reading them could wait.
    [[nodiscard]] bool hasBody() const noexcept { return m_hasBody; }
    /// The head's length in bytes, its final blank line included; when Complete.
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

private:
    State m_state = State::Incomplete;
    Poco::Net::HTTPRequest m_request;
    bool m_hasBody = false;
    std::size_t m_size = 0;
};

} // namespace dcc::server
