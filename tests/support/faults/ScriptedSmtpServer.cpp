#include "tests/support/faults/ScriptedSmtpServer.h"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace dcc::test {

namespace {

constexpr int kPollMs = 100;
constexpr int kSessionIdleMs = 10000;

bool sendAll(int fd, const std::string& text)
{
    std::size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads one CRLF-terminated line into `line` (without the CRLF), keeping what follows in
/// `buffer`. False when the peer closed or stayed silent too long.
bool readLine(int fd, std::string& buffer, std::string& line)
{
    for (;;) {
        const auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
            line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return true;
        }
        pollfd poller{fd, POLLIN, 0};
        if (::poll(&poller, 1, kSessionIdleMs) <= 0)
            return false;
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

bool startsWithVerb(const std::string& line, const char* verb)
{
    const std::size_t length = std::strlen(verb);
    if (line.size() < length)
        return false;
    for (std::size_t i = 0; i < length; ++i) {
        if (std::toupper(static_cast<unsigned char>(line[i])) != verb[i])
            return false;
    }
    return true;
}

} // namespace

ScriptedSmtpServer::ScriptedSmtpServer()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (m_listener < 0 ||
        ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 16) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        if (m_listener >= 0)
            ::close(m_listener);
        throw std::runtime_error("ScriptedSmtpServer: cannot listen on loopback: " + why);
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { run(); });
}

ScriptedSmtpServer::~ScriptedSmtpServer()
{
    m_stop.store(true);
    m_thread.join();
    ::close(m_listener);
}

QStringList ScriptedSmtpServer::delivered() const
{
    const std::lock_guard lock(m_mutex);
    return m_delivered;
}

void ScriptedSmtpServer::run()
{
    while (!m_stop.load()) {
        pollfd poller{m_listener, POLLIN, 0};
        if (::poll(&poller, 1, kPollMs) <= 0)
            continue;
        const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        serve(client);
        ::close(client);
    }
}

void ScriptedSmtpServer::serve(int client)
{
    const Script script = m_script.load(); // one script for the whole session
    std::string buffer;
    std::string line;
    if (const long long delay = m_greetingDelayMs.load(); delay > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    if (!sendAll(client, "220 localhost scripted ESMTP\r\n"))
        return;
    while (!m_stop.load() && readLine(client, buffer, line)) {
        if (startsWithVerb(line, "EHLO")) {
            sendAll(client, "250-localhost\r\n250 8BITMIME\r\n");
        } else if (startsWithVerb(line, "HELO") || startsWithVerb(line, "RSET") ||
                   startsWithVerb(line, "NOOP")) {
            sendAll(client, "250 OK\r\n");
        } else if (startsWithVerb(line, "MAIL")) {
            if (script == Script::DropAfterSender) {
                ++m_failed;
                return; // the caller closes the socket: the relay is gone mid-session
            }
            sendAll(client, "250 OK\r\n");
        } else if (startsWithVerb(line, "RCPT")) {
            if (script == Script::RefuseRecipient) {
                ++m_failed;
                sendAll(client, "550 5.1.1 mailbox unavailable\r\n");
            } else {
                sendAll(client, "250 OK\r\n");
            }
        } else if (startsWithVerb(line, "DATA")) {
            sendAll(client, "354 end with <CRLF>.<CRLF>\r\n");
            std::string message;
            while (readLine(client, buffer, line) && line != ".")
                message += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
            if (script == Script::RefuseAfterData) {
                ++m_failed;
                sendAll(client, "451 4.3.0 temporary failure, try again later\r\n");
            } else {
                {
                    const std::lock_guard lock(m_mutex);
                    m_delivered.append(QString::fromUtf8(message));
                }
                sendAll(client, "250 2.0.0 queued\r\n");
            }
        } else if (startsWithVerb(line, "QUIT")) {
            sendAll(client, "221 bye\r\n");
            return;
        } else {
            sendAll(client, "502 5.5.2 command not implemented\r\n");
        }
    }
}

} // namespace dcc::test
