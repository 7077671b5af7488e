#include "tests/support/DirectoryWatch.h"

#include <QDir>
#include <QFile>

#include <array>
#include <cerrno>
#include <poll.h>
#include <stdexcept>
#include <sys/inotify.h>
#include <unistd.h>

namespace dcc::test {

DirectoryWatch::DirectoryWatch(const QString& directory)
{
    QDir().mkpath(directory);
    m_inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (m_inotify < 0 || inotify_add_watch(m_inotify, QFile::encodeName(directory).constData(),
                                           IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
        const int error = errno;
        if (m_inotify >= 0)
            ::close(m_inotify);
        throw std::runtime_error("DirectoryWatch: cannot watch " + directory.toStdString() + ": " +
                                 std::to_string(error));
    }
}

DirectoryWatch::~DirectoryWatch()
{
    ::close(m_inotify);
}

bool DirectoryWatch::waitForChange(int timeoutMs)
{
    pollfd watched{};
    watched.fd = m_inotify;
    watched.events = POLLIN;
    int ready = 0;
    do
        ready = ::poll(&watched, 1, timeoutMs);
    while (ready < 0 && errno == EINTR);
    if (ready <= 0)
        return false;
    std::array<char, 4096> events{};
    while (::read(m_inotify, events.data(), events.size()) > 0) {
    }
    return true;
}

} // namespace dcc::test
