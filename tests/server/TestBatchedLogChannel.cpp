#include "server/app/BatchedLogChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/DateTime.h>
#include <Poco/Message.h>
#include <QtTest>

#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using dcc::server::BatchedLogChannel;

namespace {

/// The channel behind the batched one: keeps the texts it is given.
class RecordingChannel final : public Poco::Channel
{
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(m_mutex);
        m_texts.push_back(message.getText());
    }
    std::vector<std::string> texts()
    {
        const std::lock_guard lock(m_mutex);
        return m_texts;
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> m_texts;
};

Poco::Message message(const std::string& text,
                      Poco::Message::Priority priority = Poco::Message::PRIO_INFORMATION)
{
    return Poco::Message("test.source", text, priority);
}

} // namespace

/// The server's log channel (server/app/BatchedLogChannel): messages queued by many
/// threads, written in batches by its own, none lost, and its own format on standard error.
class TestBatchedLogChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMessageArrivesInTheOrderEachThreadLoggedIt()
    {
        Poco::AutoPtr<RecordingChannel> recorder(new RecordingChannel);
        Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel);
        channel->setChannel(recorder);
        channel->open();
        constexpr int kThreads = 4;
        constexpr int kEach = 3000; // several batches of 512
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&channel, t] {
                for (int i = 0; i < kEach; ++i)
                    channel->log(message(std::to_string(t) + ":" + std::to_string(i)));
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        channel->close();
        const std::vector<std::string> texts = recorder->texts();
        QCOMPARE(texts.size(), std::size_t(kThreads * kEach));
        std::vector<int> next(kThreads, 0);
        for (const std::string& text : texts) {
            const int thread = std::stoi(text.substr(0, text.find(':')));
            const int index = std::stoi(text.substr(text.find(':') + 1));
            QCOMPARE(index, next[static_cast<std::size_t>(thread)]);
            ++next[static_cast<std::size_t>(thread)];
        }
    }

    void messagesAreWrittenWithoutAClose()
    {
        Poco::AutoPtr<RecordingChannel> recorder(new RecordingChannel);
        Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel);
        channel->setChannel(recorder);
        channel->log(message("one"));
        channel->log(message("two", Poco::Message::PRIO_ERROR));
        QTRY_COMPARE_WITH_TIMEOUT(recorder->texts().size(), std::size_t(2), 5000);
        QCOMPARE(recorder->texts().front(), std::string("one"));
        channel->close();
    }

    void withoutAChannelLinesGoToStandardErrorInOneFormat()
    {
        int pipeEnds[2];
        QCOMPARE(::pipe(pipeEnds), 0);
        const int savedError = ::dup(STDERR_FILENO);
        ::dup2(pipeEnds[1], STDERR_FILENO);
        {
            Poco::AutoPtr<BatchedLogChannel> channel(new BatchedLogChannel);
            Poco::Message first = message("listening", Poco::Message::PRIO_INFORMATION);
            first.setTime(Poco::DateTime(2026, 11, 29, 8, 48, 38, 571).timestamp());
            Poco::Message second = message("database gone", Poco::Message::PRIO_ERROR);
            second.setTime(Poco::DateTime(2026, 11, 29, 8, 48, 39, 5).timestamp());
            channel->log(first);
            channel->log(second);
            channel->close();
        }
        ::dup2(savedError, STDERR_FILENO);
        ::close(savedError);
        ::close(pipeEnds[1]);
        std::string written;
        char buffer[512];
        for (ssize_t count; (count = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0;)
            written.append(buffer, static_cast<std::size_t>(count));
        ::close(pipeEnds[0]);
        QCOMPARE(written, std::string("2026-11-29 08:48:38.571 [Information] test.source: "
                                      "listening\n"
                                      "2026-11-29 08:48:39.005 [Error] test.source: database "
                                      "gone\n"));
    }
};

QTEST_GUILESS_MAIN(TestBatchedLogChannel)
#include "TestBatchedLogChannel.moc"
