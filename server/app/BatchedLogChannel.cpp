#include "server/app/BatchedLogChannel.h"

#include <Poco/Instantiator.h>
#include <Poco/LoggingFactory.h>
#include <Poco/LoggingRegistry.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace dcc::server {

namespace {

// Short enough that a batch is written in a fraction of a millisecond: a long write on a
// busy machine takes a processor from the connection loops for its length.
constexpr auto kPeriod = std::chrono::milliseconds(10);
constexpr std::size_t kWakeAt = 512;

const char* priorityName(Poco::Message::Priority priority)
{
    static constexpr std::array<const char*, 9> kNames = {
        "", "Fatal", "Critical", "Error", "Warning", "Notice", "Information", "Debug", "Trace"};
    const auto index = static_cast<std::size_t>(priority);
    return index < kNames.size() ? kNames[index] : "";
}

/// "YYYY-MM-DD HH:MM:SS.mmm" in UTC, the date part computed once per second.
class TimeFormat
{
public:
    void append(std::string& out, const Poco::Timestamp& time)
    {
        const Poco::Timestamp::TimeVal micros = time.epochMicroseconds();
        const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
        if (seconds != m_second) {
            std::tm utc{};
            gmtime_r(&seconds, &utc);
            std::strftime(m_text.data(), m_text.size(), "%Y-%m-%d %H:%M:%S", &utc);
            m_second = seconds;
        }
        out.append(m_text.data());
        std::array<char, 8> millis{};
        std::snprintf(millis.data(), millis.size(), ".%03d",
                      static_cast<int>(micros / 1000 % 1000));
        out.append(millis.data());
    }

private:
    std::time_t m_second = -1;
    std::array<char, 32> m_text{};
};

void writeAll(const std::string& text)
{
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t count = ::write(STDERR_FILENO, text.data() + written, text.size() - written);
        if (count <= 0)
            return; // standard error is gone: nowhere left to report it
        written += static_cast<std::size_t>(count);
    }
}

} // namespace

void BatchedLogChannel::registerClass()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::LoggingFactory::defaultFactory().registerChannelClass(
            "BatchedLogChannel", new Poco::Instantiator<BatchedLogChannel, Poco::Channel>);
    });
}

BatchedLogChannel::~BatchedLogChannel()
{
    try {
        close();
    } catch (...) { // nothing to report a failed last write to
    }
}

void BatchedLogChannel::setChannel(Poco::Channel::Ptr channel)
{
    const std::lock_guard lock(m_mutex);
    m_channel = std::move(channel);
}

void BatchedLogChannel::setProperty(const std::string& name, const std::string& value)
{
    if (name == "channel")
        setChannel(Poco::LoggingRegistry::defaultRegistry().channelForName(value));
    else
        Poco::Channel::setProperty(name, value);
}

void BatchedLogChannel::open()
{
    const std::lock_guard lock(m_mutex);
    if (m_writer.joinable() || m_closing)
        return;
    m_writer = std::thread([this] { run(); });
}

void BatchedLogChannel::close()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_one();
    if (m_writer.joinable() && m_writer.get_id() != std::this_thread::get_id())
        m_writer.join();
    // Messages logged with no thread to write them (never opened, or after the close).
    std::vector<Poco::Message> left;
    Poco::Channel::Ptr channel;
    {
        const std::lock_guard lock(m_mutex);
        left.swap(m_queue);
        channel = m_channel;
    }
    write(left, channel);
}

void BatchedLogChannel::write(const std::vector<Poco::Message>& batch, Poco::Channel::Ptr channel)
{
    if (channel) {
        for (const Poco::Message& message : batch)
            channel->log(message);
        return;
    }
    if (batch.empty())
        return;
    static thread_local TimeFormat time;
    std::string text;
    text.reserve(batch.size() * 128);
    for (const Poco::Message& message : batch) {
        time.append(text, message.getTime());
        text.append(" [").append(priorityName(message.getPriority())).append("] ");
        text.append(message.getSource()).append(": ").append(message.getText()).append(1, '\n');
    }
    writeAll(text);
}

void BatchedLogChannel::log(const Poco::Message& message)
{
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_writer.joinable() && !m_closing)
            m_writer = std::thread([this] { run(); });
        m_queue.push_back(message);
        if (message.getPriority() <= Poco::Message::PRIO_ERROR)
            m_urgent = true;
        // Once per batch: the writer, once woken, takes the whole queue.
        wake = m_urgent || m_queue.size() == kWakeAt;
    }
    if (wake)
        m_wake.notify_one();
}

void BatchedLogChannel::run()
{
    std::vector<Poco::Message> batch;
    for (;;) {
        Poco::Channel::Ptr channel;
        bool closing = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, kPeriod,
                            [this] { return m_closing || m_urgent || m_queue.size() >= kWakeAt; });
            batch.swap(m_queue);
            m_urgent = false;
            channel = m_channel;
            closing = m_closing;
        }
        write(batch, channel);
        batch.clear();
        if (closing)
            return;
    }
}

} // namespace dcc::server
