#pragma once

#include <QString>

namespace dcc::test {

/// The test run's pcscd with the vpcd virtual readers "Virtual PCD 00 00" and "Virtual PCD
/// 00 01" (CTest fixture "pcscd"), for the tests that stop and start it themselves. Works
/// through start-pcscd.sh / stop-pcscd.sh on the fixture's directory, so that the fixture's
/// cleanup stops whatever pcscd a test left running. Tests that call these hold the
/// "pcscd" resource lock. Failures throw std::runtime_error with the script's output.
class Pcscd
{
public:
    static constexpr const char* kReader0 = "Virtual PCD 00 00"; ///< vicc side: TCP 35963
    static constexpr const char* kReader1 = "Virtual PCD 00 01"; ///< card side: TCP 35964
    static constexpr quint16 kReader0Port = 35963;
    static constexpr quint16 kReader1Port = 35964;

    /// Returns once pcscd accepts clients (the script waits, with a deadline).
    static void start();
    /// Returns once pcscd has exited.
    static void stop();
    /// The pcscd started through the fixture's directory is running.
    static bool isRunning();

    /// Waits (PC/SC events, with a deadline) until no card is in either virtual reader: a
    /// card taken out at the end of one test stays "present" for up to one vpcd poll
    /// (400 ms), and the next test must not take it for its own. Plain pcsc-lite, so that
    /// it does not depend on the client code under test.
    static bool waitUntilReadersEmpty(int timeoutMs = 5000);

private:
    static void run(const QString& script);
};

} // namespace dcc::test
