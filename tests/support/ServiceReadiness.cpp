#include "tests/support/ServiceReadiness.h"

#include <QFile>

#include <array>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

namespace dcc::test {

ServiceReadiness::ServiceReadiness(QString socketPath)
    : m_path(std::move(socketPath))
{
    const QByteArray path = QFile::encodeName(m_path);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (static_cast<std::size_t>(path.size()) >= sizeof address.sun_path)
        throw std::runtime_error("notify socket path too long: " + path.toStdString());
    std::memcpy(address.sun_path, path.constData(), static_cast<std::size_t>(path.size()));
    QFile::remove(m_path);
    m_socket = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_socket < 0 ||
        ::bind(m_socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const std::string why = std::strerror(errno);
        if (m_socket >= 0)
            ::close(m_socket);
        throw std::runtime_error("cannot bind the notify socket " + path.toStdString() + ": " +
                                 why);
    }
}

ServiceReadiness::~ServiceReadiness()
{
    ::close(m_socket);
    QFile::remove(m_path);
}

ServiceReadiness::Outcome ServiceReadiness::await(qint64 pid, const QDeadlineTimer& deadline)
{
    // A descriptor that becomes readable when the process ends, whoever reaps it.
    const int process = static_cast<int>(::syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0));
    if (process < 0 && errno == ESRCH)
        return Outcome::Exited; // no such process (any more)
    // Without pidfds (Linux before 5.3) only the message and the deadline are watched.
    const nfds_t count = process >= 0 ? 2 : 1;
    Outcome outcome = Outcome::TimedOut;
    while (!deadline.hasExpired()) {
        std::array<pollfd, 2> watched{{{m_socket, POLLIN, 0}, {process, POLLIN, 0}}};
        const auto wait = static_cast<int>(std::min<qint64>(deadline.remainingTime(), 60000));
        const int ready = ::poll(watched.data(), count, wait);
        if (ready < 0 && errno != EINTR)
            break;
        if ((watched[0].revents & POLLIN) != 0) {
            // One datagram may carry several lines ("READY=1\nSTATUS=…").
            std::array<char, 4096> message{};
            const ssize_t size = ::recv(m_socket, message.data(), message.size(), 0);
            const QByteArrayList lines =
                QByteArray(message.data(), static_cast<qsizetype>(std::max<ssize_t>(size, 0)))
                    .split('\n');
            if (lines.contains("READY=1")) {
                outcome = Outcome::Ready;
                break;
            }
            continue;
        }
        if ((watched[1].revents & POLLIN) != 0) {
            outcome = Outcome::Exited;
            break;
        }
    }
    if (process >= 0)
        ::close(process);
    return outcome;
}

} // namespace dcc::test
