#pragma once

#include <string_view>

namespace dcc::server {

/// Tells the service manager how the server is doing, by systemd's notify protocol: a
/// datagram to the socket named in NOTIFY_SOCKET (the unit has Type=notify). systemd then
/// counts the service as started only once it answers, not once the process exists; the
/// test harness (ServerProcess) waits on the same message. Without NOTIFY_SOCKET, nothing
/// is sent.
class ServiceNotifier
{
public:
    /// READY=1: the listener is open and the loops run.
    static void ready();
    /// STOPPING=1: the server has begun to stop.
    static void stopping();

private:
    /// Sends `state`; false when NOTIFY_SOCKET is unset or the send failed (the server runs
    /// on either way).
    static bool notify(std::string_view state);
};

} // namespace dcc::server
