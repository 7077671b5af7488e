#pragma once

#include <QString>
#include <QTemporaryDir>

#include <cstddef>

namespace dcc::test {

/// A small tmpfs file system mounted on a fresh folder for one test: a disk that fills up
/// (its size is fixed) and that can be made read-only, for the server's storage faults.
/// Needs CAP_SYS_ADMIN (root on the project's machines and CI). Unmounted, and its folder
/// removed, by the destructor whatever the test did (lazily when something still holds a
/// file there).
class TmpfsMount
{
public:
    /// Tries to mount; check mounted() (and why() when it failed).
    explicit TmpfsMount(std::size_t sizeBytes);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    [[nodiscard]] bool mounted() const { return m_mounted; }
    /// Why the mount failed (the system's error), empty when it is mounted.
    [[nodiscard]] QString why() const { return m_why; }
    [[nodiscard]] QString path() const { return m_dir.path(); }
    [[nodiscard]] QString filePath(const QString& name) const { return m_dir.filePath(name); }

    /// `mount -o remount,ro|rw`. Returns 0 or the errno of the refusal (EBUSY when a process
    /// still has a file open for writing there and `readOnly` is asked).
    int remount(bool readOnly);

    /// Writes zeros into `name` until the file system is full (ENOSPC); returns the bytes
    /// written. Removing the file gives the space back.
    std::size_t fill(const QString& name);

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_why;
};

} // namespace dcc::test
