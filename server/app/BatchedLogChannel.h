#pragma once

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dcc::server {

/// A Poco channel that queues each message and has a thread of its own write them in
/// batches: to the channel named by its "channel" property (as AsyncChannel), or without
/// one to standard error, as "2026-11-29 08:48:38.571 [Information] source: text" (UTC),
/// a whole batch in one write. The thread wakes every 10 ms, or at once when 512 messages
/// wait, when one is an error, or on close.
/// Why not AsyncChannel and a ConsoleChannel: AsyncChannel wakes its thread for every
/// message that finds it idle, a thread switch per request for its access-log line on a
/// busy server, and Poco's formatter and console write each line with its own system calls
/// (docs/BENCHMARKS.md, server (b)).
/// Configured as `logging.channels.NAME.class = BatchedLogChannel` (registerClass()).
class BatchedLogChannel final : public Poco::Channel
{
public:
    BatchedLogChannel() = default;
    BatchedLogChannel(const BatchedLogChannel&) = delete;
    BatchedLogChannel& operator=(const BatchedLogChannel&) = delete;

    /// Makes the class known to Poco's LoggingFactory under its name; once per process.
    static void registerClass();

    void setChannel(Poco::Channel::Ptr channel);
    /// "channel": the name of the channel the messages go to.
    void setProperty(const std::string& name, const std::string& value) override;
    void open() override;
    /// Writes what is queued and stops the thread.
    void close() override;
    void log(const Poco::Message& message) override;

protected:
    ~BatchedLogChannel() override;

private:
    void run();
    /// Writes the batch to the channel, or formatted to standard error.
    static void write(const std::vector<Poco::Message>& batch, Poco::Channel::Ptr channel);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<Poco::Message> m_queue;
    bool m_closing = false;
    bool m_urgent = false; ///< an error waits: written without waiting for the period
    Poco::Channel::Ptr m_channel;
    std::thread m_writer;
};

} // namespace dcc::server
