#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace dcc::test {

/// An SMTP server on a loopback port that follows a script chosen by the test and changed
/// at any time: deliver, or fail at a given point of the session the way real relays fail
/// (a refused recipient, a connection dropped mid-session, a temporary refusal of the
/// message after DATA). Plain SMTP (the server under test uses `mail.smtp.tls = none`).
/// One session at a time, on a thread of its own, so that a test can block on an HTTP
/// request while the server under test talks to it.
class ScriptedSmtpServer
{
public:
    enum class Script
    {
        Deliver,
        RefuseRecipient, ///< 550 to RCPT TO
        DropAfterSender, ///< the connection closed right after MAIL FROM
        RefuseAfterData, ///< 451 once the whole message was sent
    };

    /// Listens on 127.0.0.1 (a free port); throws std::runtime_error when it cannot.
    ScriptedSmtpServer();
    ~ScriptedSmtpServer();
    ScriptedSmtpServer(const ScriptedSmtpServer&) = delete;
    ScriptedSmtpServer& operator=(const ScriptedSmtpServer&) = delete;

    [[nodiscard]] std::uint16_t port() const { return m_port; }
    void setScript(Script script) { m_script.store(script); }
    /// How long each session waits before its greeting: a slow relay.
    void setGreetingDelay(std::chrono::milliseconds delay)
    {
        m_greetingDelayMs.store(delay.count());
    }

    /// The messages delivered so far (DATA contents, dot-unstuffed), oldest first.
    [[nodiscard]] QStringList delivered() const;
    /// Sessions that reached the failure point of their script.
    [[nodiscard]] int failedSessions() const { return m_failed.load(); }

private:
    void run();
    void serve(int client);

    int m_listener = -1;
    std::uint16_t m_port = 0;
    std::atomic<Script> m_script{Script::Deliver};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_failed{0};
    std::atomic<long long> m_greetingDelayMs{0};
    mutable std::mutex m_mutex;
    QStringList m_delivered;
    std::thread m_thread;
};

} // namespace dcc::test
