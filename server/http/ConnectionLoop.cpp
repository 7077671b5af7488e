#include "server/http/ConnectionLoop.h"

#include "server/http/HttpSocketImpl.h"
#include "server/http/RequestHead.h"
#include "server/http/RequestWorkers.h"
#include "server/http/Router.h"
#include "server/http/TlsSocketImpl.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>

#include <array>
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>

namespace dcc::server {

namespace {

using SteadyClock = std::chrono::steady_clock;

/// The largest head the loop reads itself; a longer one goes to a worker, whose parser
/// applies Poco's limits to it.
constexpr std::size_t kHeadBytes = 8192;
/// How often connections past their deadline are looked for.
constexpr auto kSweepPeriod = std::chrono::milliseconds(500);

// epoll's user data for the two descriptors that are not connections.
char wakeupTag;
char listenerTag;

std::system_error systemError(const char* what)
{
    return std::system_error(errno, std::generic_category(), what);
}

std::chrono::seconds seconds(const Poco::Timespan& span)
{
    return std::chrono::seconds(span.totalSeconds());
}

} // namespace

ConnectionLoop::ConnectionLoop(Shared& shared)
    : m_shared(shared)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        throw systemError("epoll_create1");
    m_wakeup = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_wakeup < 0) {
        ::close(m_epoll);
        throw systemError("eventfd");
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &wakeupTag;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeup, &event);
}

ConnectionLoop::~ConnectionLoop()
{
    stop();
    join();
    m_shared.connections -= m_mailbox.size(); // adopted after the thread ended
    ::close(m_wakeup);
    ::close(m_epoll);
}

void ConnectionLoop::accept(Poco::Net::ServerSocket socket, std::vector<ConnectionLoop*> loops,
                            Poco::Net::Context::Ptr tls)
{
    m_listener = std::move(socket);
    m_listener.setBlocking(false);
    m_loops = std::move(loops);
    m_tls = std::move(tls);
    m_accepting = true;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &listenerTag;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener.impl()->sockfd(), &event) != 0)
        throw systemError("epoll_ctl(listener)");
}

void ConnectionLoop::start()
{
    m_thread = std::thread([this] { run(); });
}

void ConnectionLoop::stop()
{
    m_stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeup, &one, sizeof one);
}

void ConnectionLoop::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void ConnectionLoop::post(Message message, HttpConnection* connection,
                          std::unique_ptr<HttpConnection> adopted)
{
    {
        const std::lock_guard lock(m_mailboxMutex);
        m_mailbox.push_back(Mail{message, connection, std::move(adopted)});
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeup, &one, sizeof one);
}

void ConnectionLoop::run()
{
    std::array<epoll_event, 64> events{};
    auto nextSweep = SteadyClock::now() + kSweepPeriod;
    bool stopSeen = false;
    for (;;) {
        if (m_stopping && !stopSeen) {
            stopSeen = true;
            if (m_accepting) {
                pauseAccepting();
                m_listener.close();
                m_accepting = false;
            }
            std::vector<HttpConnection*> idle;
            for (const auto& [connection, owned] : m_connections) {
                if (!connection->withWorker)
                    idle.push_back(connection);
            }
            for (HttpConnection* connection : idle)
                close(*connection);
        }
        if (stopSeen && m_connections.empty())
            return;
        const auto wait =
            std::chrono::duration_cast<std::chrono::milliseconds>(nextSweep - SteadyClock::now());
        const int ready = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()),
                                       static_cast<int>(std::max<std::int64_t>(wait.count(), 0)));
        for (int i = 0; i < ready; ++i) {
            void* tag = events[static_cast<std::size_t>(i)].data.ptr;
            // What escapes here is unexpected (memory exhausted, a bug): it ends the
            // connection concerned, never the loop and the connections it holds.
            try {
                if (tag == &wakeupTag) {
                    std::uint64_t count = 0;
                    [[maybe_unused]] const auto read = ::read(m_wakeup, &count, sizeof count);
                    takeMessages();
                } else if (tag == &listenerTag) {
                    acceptAll();
                } else {
                    onReadable(*static_cast<HttpConnection*>(tag));
                }
            } catch (const std::exception& e) {
                failed(tag, e.what());
            } catch (...) {
                failed(tag, "unknown exception");
            }
        }
        if (SteadyClock::now() >= nextSweep) {
            closeExpired();
            resumeAccepting();
            nextSweep = SteadyClock::now() + kSweepPeriod;
        }
    }
}

void ConnectionLoop::failed(void* tag, const char* what)
{
    Poco::Logger::get("dcc.server").error("connection loop: %s", std::string(what));
    if (tag == &wakeupTag || tag == &listenerTag)
        return;
    auto* connection = static_cast<HttpConnection*>(tag);
    if (!connection->withWorker)
        close(*connection);
}

void ConnectionLoop::takeMessages()
{
    std::vector<Mail> mailbox;
    {
        const std::lock_guard lock(m_mailboxMutex);
        mailbox.swap(m_mailbox);
    }
    for (Mail& mail : mailbox) {
        switch (mail.message) {
        case Message::Adopt:
            adopt(std::move(mail.adopted));
            break;
        case Message::Resume:
            mail.connection->withWorker = false;
            if (m_stopping)
                close(*mail.connection);
            else
                awaitNext(*mail.connection);
            break;
        case Message::Close:
            mail.connection->withWorker = false;
            close(*mail.connection);
            break;
        }
    }
}

void ConnectionLoop::acceptAll()
{
    for (;;) {
        Poco::Net::StreamSocket socket;
        std::unique_ptr<HttpConnection> connection;
        try {
            const int descriptor =
                ::accept4(m_listener.impl()->sockfd(), nullptr, nullptr, SOCK_CLOEXEC);
            if (descriptor < 0) {
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                    pauseAccepting(); // else the listener, still readable, would spin
                return; // none left (EAGAIN), or the client left before being accepted
            }
            if (m_tls) {
                const Poco::Net::StreamSocket tcp(new Poco::Net::StreamSocketImpl(descriptor));
                tcp.impl()->setNoDelay(true);
                auto* tls = new TlsSocketImpl(tcp, m_tls);
                socket = Poco::Net::StreamSocket(tls); // owns tls from here
                connection = std::make_unique<HttpConnection>(socket, *tls, m_shared.params,
                                                              *m_shared.router);
            } else {
                auto* plain = new HttpSocketImpl(descriptor);
                socket = Poco::Net::StreamSocket(plain); // owns plain from here
                socket.setNoDelay(true);
                connection = std::make_unique<HttpConnection>(socket, *plain, m_shared.params,
                                                              *m_shared.router);
            }
        } catch (const Poco::Exception&) {
            return; // nothing left to accept (Poco reports EAGAIN as an error)
        }
        if (m_shared.connections >= m_shared.maxConnections) {
            connection->shutdown(); // over the limit: the client sees the end at once
            continue;
        }
        ++m_shared.connections;
        ConnectionLoop* owner = m_loops[m_nextLoop++ % m_loops.size()];
        if (owner == this)
            adopt(std::move(connection));
        else
            owner->post(Message::Adopt, nullptr, std::move(connection));
    }
}

void ConnectionLoop::pauseAccepting()
{
    if (m_acceptPaused)
        return;
    m_acceptPaused = true;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, m_listener.impl()->sockfd(), nullptr);
}

void ConnectionLoop::resumeAccepting()
{
    if (!m_acceptPaused || !m_accepting)
        return;
    m_acceptPaused = false;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &listenerTag;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener.impl()->sockfd(), &event);
}

void ConnectionLoop::adopt(std::unique_ptr<HttpConnection> connection)
{
    HttpConnection& adopted = *connection;
    m_connections.emplace(&adopted, std::move(connection));
    if (m_stopping) {
        close(adopted);
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLONESHOT;
    event.data.ptr = &adopted;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, adopted.descriptor(), &event) != 0) {
        close(adopted);
        return;
    }
    // The first request has the request timeout to arrive; later ones the keep-alive one.
    adopted.deadline = SteadyClock::now() + seconds(m_shared.params->getTimeout());
}

void ConnectionLoop::onReadable(HttpConnection& connection)
{
    HttpSocketImpl* plain = connection.plainSocket();
    if (plain == nullptr) {
        onTlsReadable(connection, *connection.tlsSocket());
        return;
    }
    // Each turn answers one request; the next may have come with it (pipelined).
    for (;;) {
        if (!plain->readAvailable(kHeadBytes)) {
            close(connection);
            return;
        }
        const RequestHead head = RequestHead::inspect(plain->readAhead());
        switch (head.state()) {
        case RequestHead::State::Incomplete:
            if (plain->readAhead().size() >= kHeadBytes) {
                toWorker(connection); // too long for the loop: the parser's limits answer it
                return;
            }
            awaitRestOfHead(connection);
            return;
        case RequestHead::State::Unreadable:
            toWorker(connection);
            return;
        case RequestHead::State::Complete:
            if (head.hasBody() || !m_shared.router->answersFromMemory(head.request())) {
                toWorker(connection);
                return;
            }
            plain->limitNextReads(head.size());
            connection.awaitingRestOfHead = false;
            if (connection.serveOne() == HttpConnection::After::Close || m_stopping) {
                close(connection);
                return;
            }
            if (connection.parserHoldsBytes()) {
                toWorker(connection); // out of the loop's sight: only a worker may read them
                return;
            }
            if (plain->readAhead().empty()) {
                awaitNext(connection);
                return;
            }
            break;
        }
    }
}

void ConnectionLoop::onTlsReadable(HttpConnection& connection, TlsSocketImpl& tls)
{
    switch (tls.readAvailable(kHeadBytes)) {
    case TlsSocketImpl::Progress::Ended:
        close(connection);
        return;
    case TlsSocketImpl::Progress::NeedsWorker:
        toWorker(connection);
        return;
    case TlsSocketImpl::Progress::Read:
        break;
    }
    // The handshake, then the head, wait here; the answer is a worker's (its writes may
    // wait for the client to read).
    if (RequestHead::inspect(tls.readAhead()).state() == RequestHead::State::Incomplete &&
        tls.readAhead().size() < kHeadBytes) {
        awaitRestOfHead(connection);
        return;
    }
    toWorker(connection);
}

void ConnectionLoop::awaitRestOfHead(HttpConnection& connection)
{
    // A head arriving in pieces (and a TLS handshake) waits here, holding no thread, until
    // the request timeout from its first bytes.
    if (!connection.awaitingRestOfHead) {
        connection.awaitingRestOfHead = true;
        connection.deadline = SteadyClock::now() + seconds(m_shared.params->getTimeout());
    }
    rearm(connection);
}

void ConnectionLoop::toWorker(HttpConnection& connection)
{
    connection.awaitingRestOfHead = false;
    if (TlsSocketImpl* tls = connection.tlsSocket())
        tls->setWaiting(true); // the worker's reads and writes wait, within the timeouts
    connection.withWorker = true;
    HttpConnection* served = &connection;
    const bool taken = m_shared.workers->submit([this, served] {
        HttpConnection::After after = served->serveOne();
        // Requests already read (pipelined) are answered here: the socket will not signal
        // them to the loop.
        while (after == HttpConnection::After::KeepOpen && !m_stopping &&
               served->holdsUnreadBytes())
            after = served->serveOne();
        post(after == HttpConnection::After::KeepOpen ? Message::Resume : Message::Close, served);
    });
    if (!taken) {
        connection.withWorker = false;
        close(connection); // every worker busy and the queue full: refused as Poco's server did
    }
}

void ConnectionLoop::awaitNext(HttpConnection& connection)
{
    connection.deadline = SteadyClock::now() + seconds(m_shared.params->getKeepAliveTimeout());
    rearm(connection);
}

void ConnectionLoop::rearm(HttpConnection& connection)
{
    epoll_event event{};
    event.events = EPOLLIN | EPOLLONESHOT;
    event.data.ptr = &connection;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.descriptor(), &event) != 0)
        close(connection);
}

void ConnectionLoop::close(HttpConnection& connection)
{
    const auto found = m_connections.find(&connection);
    if (found == m_connections.end())
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, connection.descriptor(), nullptr);
    connection.shutdown();
    m_connections.erase(found); // closes the socket
    --m_shared.connections;
}

void ConnectionLoop::closeExpired()
{
    const auto now = SteadyClock::now();
    std::vector<HttpConnection*> expired;
    for (const auto& [connection, owned] : m_connections) {
        if (!connection->withWorker && connection->deadline <= now)
            expired.push_back(connection);
    }
    for (HttpConnection* connection : expired)
        close(*connection);
}

} // namespace dcc::server
