#pragma once

#include <QString>

namespace dcc::test {

/// Wakes a test when a file is finished in a directory (inotify: written and closed, or
/// moved in), so that a wait for a mail or a report is a wait on the event, not a scan
/// every few milliseconds. Create it before looking at the directory: a file finished
/// between the look and the wait then still ends the wait.
class DirectoryWatch
{
public:
    /// Creates `directory` when missing. Throws std::runtime_error when it cannot watch it.
    explicit DirectoryWatch(const QString& directory);
    ~DirectoryWatch();
    DirectoryWatch(const DirectoryWatch&) = delete;
    DirectoryWatch& operator=(const DirectoryWatch&) = delete;

    /// Blocks until a file is finished in the directory (true) or `timeoutMs` passes (false);
    /// the changes seen are consumed.
    bool waitForChange(int timeoutMs);

private:
    int m_inotify = -1;
};

} // namespace dcc::test
