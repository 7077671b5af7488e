#pragma once

#include <Poco/Channel.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace dcc::server {

/// The server's console log: each message's text and a newline are appended to a buffer in
/// the logging thread, and one writer thread writes whatever has gathered with a single
/// write(2). Under load that is one wake-up and one write per batch instead of per line
/// (AsyncChannel woke its thread for every line, ConsoleChannel wrote and flushed each one:
/// docs/BENCHMARKS.md, server (b)); a lone line is still written at once, with no timer.
///
/// Lines go where Poco's ConsoleChannel writes them (std::clog: standard error). When the
/// buffer reaches its limit — the output is not read, a blocked pipe — further lines are
/// counted and dropped instead of growing memory, and one line then says how many were.
///
/// Known to Poco::LoggingFactory as "BatchingConsoleChannel" once registerClass() has run;
/// wrap it in a FormattingChannel (a `formatter` in the properties) to format the lines.
class BatchingConsoleChannel : public Poco::Channel
{
public:
    static constexpr std::size_t kDefaultBufferLimit = 4 * 1024 * 1024;

    /// Writes to `fd` (not owned: it must stay open until close()); once `bufferLimit` bytes
    /// are waiting, further lines are dropped until the writer takes them.
    explicit BatchingConsoleChannel(int fd = 2, std::size_t bufferLimit = kDefaultBufferLimit);

    BatchingConsoleChannel(const BatchingConsoleChannel&) = delete;
    BatchingConsoleChannel& operator=(const BatchingConsoleChannel&) = delete;

    /// Registers the class with Poco::LoggingFactory's default factory; runs once however
    /// often it is called.
    static void registerClass();

    /// Starts the writer thread (log() also does, on first use).
    void open() override;
    /// Writes every line logged so far and stops the writer thread; a later log() starts it
    /// again.
    void close() override;
    void log(const Poco::Message& message) override;

    /// Lines dropped since creation because the buffer was full.
    [[nodiscard]] std::uint64_t droppedLines() const;

protected:
    ~BatchingConsoleChannel() override;

private:
    void startWriterLocked();
    void runWriter();
    void writeAll(const std::string& bytes) const;

    const int m_fd;
    const std::size_t m_bufferLimit;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::string m_buffer;               // guarded by m_mutex
    std::uint64_t m_droppedPending = 0; // guarded: dropped since the last notice
    std::uint64_t m_droppedTotal = 0;   // guarded
    bool m_started = false;             // guarded: m_writer is running or not yet joined
    bool m_stopping = false;            // guarded
    std::thread m_writer;

    // Serialises close() calls: two of them must not both join m_writer.
    std::mutex m_closeMutex;
};

} // namespace dcc::server
