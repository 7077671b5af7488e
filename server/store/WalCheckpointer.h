#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace dcc::server {

/// Copies SQLite's write-ahead log back into the database file on a thread of its own.
/// Left to SQLite, the commit that takes the log past 1,000 pages does it, two fsyncs
/// included, while it holds the one writer's turn: every write queued behind it waited for
/// the disk (/launch at a paced 1,000 exchanges per second: p99 8.6 ms, 4.2 ms without the
/// checkpoints; docs/BENCHMARKS.md). A passive checkpoint from another connection runs
/// beside the writers instead.
class WalCheckpointer
{
public:
    /// Opens its own connection to the SQLite file `path` (already in WAL mode).
    explicit WalCheckpointer(const std::string& path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Takes over `connection`'s checkpoints: its commits wake this thread once the log is
    /// long enough, and never checkpoint themselves. Does nothing (SQLite's own checkpoints
    /// stay) when this checkpointer could not open the file.
    void install(sqlite3* connection);

    /// Checkpoints run so far (metrics, tests).
    [[nodiscard]] std::uint64_t checkpoints() const noexcept { return m_checkpoints.load(); }

    /// SQLite's own threshold, in pages of log.
    static constexpr int kPagesBeforeCheckpoint = 1000;

private:
    static int afterCommit(void* self, sqlite3* connection, const char* database, int pages);
    void run();

    sqlite3* m_connection = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_wanted = false;
    bool m_stopping = false;
    std::atomic<std::uint64_t> m_checkpoints{0};
    std::thread m_thread;
};

} // namespace dcc::server
