#include "server/app/ServiceNotifier.h"

#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cstring>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using dcc::server::ServiceNotifier;

/// systemd's notify protocol as the server speaks it: READY=1 and STOPPING=1 reach the
/// socket NOTIFY_SOCKET names, a path or an abstract name ('@'); without it, nothing is
/// sent and nothing fails.
class TestServiceNotifier : public QObject
{
    Q_OBJECT

    /// A datagram socket bound to `name` (a path, or '@' + an abstract name).
    static int bound(const std::string& name)
    {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.data(), name.size());
        if (name.front() == '@')
            address.sun_path[0] = '\0';
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        const auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
        if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), size) != 0) {
            ::close(fd);
            return -1;
        }
        return fd;
    }

    /// The next datagram, or "" when none comes within `milliseconds`.
    static std::string received(int fd, int milliseconds)
    {
        pollfd watched{fd, POLLIN, 0};
        if (::poll(&watched, 1, milliseconds) != 1)
            return {};
        std::array<char, 256> message{};
        const ssize_t size = ::recv(fd, message.data(), message.size(), 0);
        return std::string(message.data(), static_cast<std::size_t>(std::max<ssize_t>(size, 0)));
    }

private Q_SLOTS:
    void cleanup() { qunsetenv("NOTIFY_SOCKET"); }

    void readyAndStoppingReachAPathSocket()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("notify").toStdString();
        const int fd = bound(path);
        QVERIFY(fd >= 0);
        qputenv("NOTIFY_SOCKET", QByteArray::fromStdString(path));
        ServiceNotifier::ready();
        QCOMPARE(received(fd, 5000), std::string("READY=1"));
        ServiceNotifier::stopping();
        QCOMPARE(received(fd, 5000), std::string("STOPPING=1"));
        ::close(fd);
    }

    void readyReachesAnAbstractSocket()
    {
        const std::string name = "@dcc-login-test-notify-" + std::to_string(::getpid());
        const int fd = bound(name);
        QVERIFY(fd >= 0);
        qputenv("NOTIFY_SOCKET", QByteArray::fromStdString(name));
        ServiceNotifier::ready();
        QCOMPARE(received(fd, 5000), std::string("READY=1"));
        ::close(fd);
    }

    void nothingIsSentWithoutNotifySocket()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("notify").toStdString();
        const int fd = bound(path);
        QVERIFY(fd >= 0);
        ServiceNotifier::ready(); // NOTIFY_SOCKET unset: returns, sends nothing
        qputenv("NOTIFY_SOCKET", "relative/path");
        ServiceNotifier::ready(); // not a socket address systemd would give: ignored
        QCOMPARE(received(fd, 100), std::string());
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestServiceNotifier)
#include "TestServiceNotifier.moc"
