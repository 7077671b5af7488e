#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace dcc::bench {

/// The moment PC/SC reports a card in a reader, seen through its own PC/SC context on its
/// own thread (independent of the client's card monitor): the start of the card-line delay.
class PcscInsertionWatcher
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit PcscInsertionWatcher(QString reader);
    ~PcscInsertionWatcher();
    PcscInsertionWatcher(const PcscInsertionWatcher&) = delete;
    PcscInsertionWatcher& operator=(const PcscInsertionWatcher&) = delete;

    /// Starts waiting for the next insertion (the card must be out).
    void arm();
    /// When the armed insertion was reported; nullopt-like (epoch) until then.
    [[nodiscard]] TimePoint insertedAt() const;
    [[nodiscard]] bool seen() const { return m_seen; }

private:
    void watch();

    QString m_reader;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_armed{false};
    std::atomic<bool> m_seen{false};
    mutable std::mutex m_mutex;
    TimePoint m_insertedAt{};
};

} // namespace dcc::bench
