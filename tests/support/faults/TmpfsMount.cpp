#include "tests/support/faults/TmpfsMount.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace dcc::test {

TmpfsMount::TmpfsMount(std::size_t sizeBytes)
    : m_dir(QDir::tempPath() + QStringLiteral("/dcc-tmpfs-XXXXXX"))
{
    if (!m_dir.isValid()) {
        m_why = QStringLiteral("cannot create a folder: ") + m_dir.errorString();
        return;
    }
    // mode=0700 like any private data folder; a server running as root ignores it anyway.
    const std::string options = "size=" + std::to_string(sizeBytes) + ",mode=0700";
    if (::mount("dcc-test-tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs",
                MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        m_why = QStringLiteral("mount -t tmpfs %1: %2")
                    .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_mounted = true;
}

TmpfsMount::~TmpfsMount()
{
    if (!m_mounted)
        return;
    const QByteArray path = QFile::encodeName(m_dir.path());
    if (::umount2(path.constData(), 0) != 0)
        ::umount2(path.constData(), MNT_DETACH); // a process still inside: gone when it exits
    // QTemporaryDir then removes the (now empty) folder.
}

int TmpfsMount::remount(bool readOnly)
{
    unsigned long flags = MS_REMOUNT | MS_NOSUID | MS_NODEV;
    if (readOnly)
        flags |= MS_RDONLY;
    if (::mount(nullptr, QFile::encodeName(m_dir.path()).constData(), nullptr, flags, nullptr) != 0)
        return errno;
    return 0;
}

std::size_t TmpfsMount::fill(const QString& name)
{
    const int fd = ::open(QFile::encodeName(filePath(name)).constData(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return 0;
    const std::vector<char> zeros(4096, 0);
    std::size_t written = 0;
    for (;;) {
        const ssize_t n = ::write(fd, zeros.data(), zeros.size());
        if (n <= 0)
            break; // ENOSPC: full
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return written;
}

} // namespace dcc::test
