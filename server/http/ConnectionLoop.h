#pragma once

#include "server/http/HttpConnection.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace dcc::server {

class RequestWorkers;
class Router;
class TlsSocketImpl;

/// One event loop (epoll) over the connections it owns, on its own thread. It waits for
/// their next request and, once the request's head has fully arrived, answers it itself
/// when the router says the endpoint answers from memory (Route::quick) and no body
/// follows; any other request goes to a worker thread with its connection, which comes
/// back after the answer. A few such loops answer the frequent small requests without a
/// thread switch per request, and a connection that trickles its head in holds no thread.
/// Over TLS the loop does the handshake and reads the head the same way (TlsSocketImpl),
/// but every answer is a worker's. The first loop also accepts new connections and deals
/// them out to all loops in turn.
class ConnectionLoop
{
public:
    struct Shared
    {
        Poco::Net::HTTPServerParams::Ptr params;
        Router* router = nullptr;
        RequestWorkers* workers = nullptr;
        std::size_t maxConnections = 1000;
        std::atomic<std::size_t> connections{0}; ///< open on all loops together
    };

    explicit ConnectionLoop(Shared& shared);
    ~ConnectionLoop();
    ConnectionLoop(const ConnectionLoop&) = delete;
    ConnectionLoop& operator=(const ConnectionLoop&) = delete;

    /// Makes this loop the acceptor of `socket` (non-blocking from then on), dealing the
    /// accepted connections to `loops` in turn; `tls` wraps each one for TLS. Before start().
    void accept(Poco::Net::ServerSocket socket, std::vector<ConnectionLoop*> loops,
                Poco::Net::Context::Ptr tls);
    void start();
    /// Stops accepting and closes the connections waiting for a request; a connection with
    /// a worker is closed once its request is answered. The thread ends when none is left.
    void stop();
    void join();

private:
    enum class Message
    {
        Adopt,  ///< a new connection for this loop
        Resume, ///< a worker answered; watch the connection again
        Close,  ///< a worker is done with the connection, which ends
    };

    void run();
    void post(Message message, HttpConnection* connection,
              std::unique_ptr<HttpConnection> adopted = nullptr);
    void takeMessages();
    void acceptAll();
    void adopt(std::unique_ptr<HttpConnection> connection);
    /// Reads what came, then answers the request here, waits for the rest of its head,
    /// or hands the connection to a worker.
    void onReadable(HttpConnection& connection);
    /// The same for TLS: handshake and head are read here, every answer is a worker's.
    void onTlsReadable(HttpConnection& connection, TlsSocketImpl& tls);
    /// Waits for the rest of a head, up to the request timeout from its first bytes.
    void awaitRestOfHead(HttpConnection& connection);
    void toWorker(HttpConnection& connection);
    /// Waits for the connection's next request, up to the keep-alive timeout.
    void awaitNext(HttpConnection& connection);
    /// Watches the connection again (epoll's one-shot), keeping its deadline.
    void rearm(HttpConnection& connection);
    /// Out of descriptors or memory: no accept until the next sweep.
    void pauseAccepting();
    void resumeAccepting();
    void close(HttpConnection& connection);
    void closeExpired();
    /// Logs an unexpected failure while handling `tag`'s event and ends its connection.
    void failed(void* tag, const char* what);

    Shared& m_shared;
    int m_epoll = -1;
    int m_wakeup = -1; ///< eventfd: messages are waiting, or stop() was called
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::unordered_map<HttpConnection*, std::unique_ptr<HttpConnection>> m_connections;

    // The acceptor's part (first loop only).
    Poco::Net::ServerSocket m_listener;
    bool m_accepting = false;
    bool m_acceptPaused = false;
    std::vector<ConnectionLoop*> m_loops;
    std::size_t m_nextLoop = 0;
    Poco::Net::Context::Ptr m_tls;

    std::mutex m_mailboxMutex;
    struct Mail
    {
        Message message;
        HttpConnection* connection;
        std::unique_ptr<HttpConnection> adopted;
    };
    std::vector<Mail> m_mailbox;
};

} // namespace dcc::server
