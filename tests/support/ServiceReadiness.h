#pragma once

#include <QDeadlineTimer>
#include <QString>

namespace dcc::test {

/// The service manager's end of systemd's notify protocol, as the tests hold it: a datagram
/// socket whose path goes into a child's NOTIFY_SOCKET, on which the server says READY=1
/// once it serves (server/app/ServiceNotifier). Waiting on it waits on the event itself:
/// no health-check polling.
class ServiceReadiness
{
public:
    /// Binds a fresh socket at `socketPath` (an older file there is removed). Throws
    /// std::runtime_error when it cannot.
    explicit ServiceReadiness(QString socketPath);
    ~ServiceReadiness();
    ServiceReadiness(const ServiceReadiness&) = delete;
    ServiceReadiness& operator=(const ServiceReadiness&) = delete;

    [[nodiscard]] QString socketPath() const { return m_path; }

    enum class Outcome
    {
        Ready,    ///< READY=1 came
        Exited,   ///< the process ended first
        TimedOut, ///< neither before the deadline
    };
    /// Waits for READY=1, for the end of the process `pid` (a pidfd), or for the deadline,
    /// whichever comes first.
    Outcome await(qint64 pid, const QDeadlineTimer& deadline);

private:
    QString m_path;
    int m_socket = -1;
};

} // namespace dcc::test
