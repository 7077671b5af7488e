#include "server/app/BatchingConsoleChannel.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Instantiator.h>
#include <Poco/LoggingFactory.h>
#include <Poco/Message.h>
#include <Poco/Timestamp.h>

#include <cerrno>
#include <csignal>
#include <pthread.h>
#include <unistd.h>
#include <utility>

namespace dcc::server {

namespace {

// A batch string that grew past this during a burst is given back rather than kept.
constexpr std::size_t kKeptCapacity = 1024 * 1024;

// Formatted like the default pattern's lines (UTC, as PatternFormatter's default), so that
// whoever reads the log sees it in sequence with the others.
std::string droppedNotice(std::uint64_t count)
{
    return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%d %H:%M:%S.%i") +
           " [Warning] BatchingConsoleChannel: " + std::to_string(count) +
           " log lines dropped: the output was not read fast enough\n";
}

} // namespace

BatchingConsoleChannel::BatchingConsoleChannel(int fd, std::size_t bufferLimit)
    : m_fd(fd)
    , m_bufferLimit(bufferLimit)
{}

BatchingConsoleChannel::~BatchingConsoleChannel()
{
    try {
        close();
    } catch (...) { // nothing to report to: this is the log
    }
}

void BatchingConsoleChannel::registerClass()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::LoggingFactory::defaultFactory().registerChannelClass(
            "BatchingConsoleChannel",
            new Poco::Instantiator<BatchingConsoleChannel, Poco::Channel>);
    });
}

void BatchingConsoleChannel::open()
{
    const std::lock_guard lock(m_mutex);
    if (!m_started)
        startWriterLocked();
}

void BatchingConsoleChannel::log(const Poco::Message& message)
{
    bool wasEmpty = false;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_started)
            startWriterLocked();
        if (m_buffer.size() >= m_bufferLimit) {
            ++m_droppedPending;
            ++m_droppedTotal;
            return;
        }
        wasEmpty = m_buffer.empty();
        m_buffer.append(message.getText()).push_back('\n');
    }
    // Only the first line of a batch wakes the writer: while it writes, the lines that come
    // meanwhile gather for its next write without a wake-up each.
    if (wasEmpty)
        m_wake.notify_one();
}

void BatchingConsoleChannel::close()
{
    const std::lock_guard closing(m_closeMutex);
    {
        const std::lock_guard lock(m_mutex);
        if (!m_started)
            return;
        m_stopping = true;
    }
    m_wake.notify_one();
    // m_writer is not touched by log() meanwhile: m_started stays true until it is joined.
    m_writer.join();

    // What came after the writer's last batch is written here, under the lock so that a
    // log() starting a new writer cannot get its lines out before these. Bounded, unlike
    // letting the writer run until the buffer is empty, which a steady flow could delay.
    const std::lock_guard lock(m_mutex);
    if (m_droppedPending != 0) {
        m_buffer += droppedNotice(std::exchange(m_droppedPending, 0));
    }
    writeAll(m_buffer);
    m_buffer = std::string();
    m_stopping = false;
    m_started = false;
}

std::uint64_t BatchingConsoleChannel::droppedLines() const
{
    const std::lock_guard lock(m_mutex);
    return m_droppedTotal;
}

void BatchingConsoleChannel::startWriterLocked()
{
    // The writer never takes the termination signals: they belong to the thread waiting in
    // ServerApplication::waitForTerminationRequest, and a thread that has them unblocked
    // may be the one the kernel delivers SIGTERM to (whose default action ends the process
    // without the orderly stop). Poco's own threads block the same ones. SIGPIPE blocked: a
    // closed output makes write(2) fail with EPIPE instead of killing the server.
    sigset_t blocked;
    sigemptyset(&blocked);
    for (const int number : {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE})
        sigaddset(&blocked, number);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &blocked, &previous); // inherited by the new thread
    m_writer = std::thread([this] { runWriter(); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    m_started = true;
}

void BatchingConsoleChannel::runWriter()
{
    std::string batch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return !m_buffer.empty() || m_stopping; });
        if (m_stopping)
            return;           // close() writes what is left
        batch.swap(m_buffer); // the logging side gets the previous batch's capacity back
        const std::uint64_t dropped = std::exchange(m_droppedPending, 0);
        lock.unlock();
        // Every dropped line came after the batch's lines: the buffer was full from then on.
        if (dropped != 0)
            batch += droppedNotice(dropped);
        writeAll(batch);
        if (batch.capacity() > kKeptCapacity)
            batch = std::string();
        else
            batch.clear();
        lock.lock();
    }
}

void BatchingConsoleChannel::writeAll(const std::string& bytes) const
{
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(m_fd, data, left);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return; // a closed or full output: nowhere to say so, the lines are lost
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
}

} // namespace dcc::server
