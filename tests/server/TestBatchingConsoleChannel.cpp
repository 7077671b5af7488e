#include "server/app/BatchingConsoleChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/LoggingFactory.h>
#include <Poco/Message.h>
#include <QtTest>

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using dcc::server::BatchingConsoleChannel;

namespace {

Poco::Message line(const std::string& text)
{
    return Poco::Message("test", text, Poco::Message::PRIO_INFORMATION);
}

std::vector<std::string> splitLines(const std::string& bytes)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = bytes.find('\n'); end != std::string::npos;
         end = bytes.find('\n', start)) {
        lines.push_back(bytes.substr(start, end - start));
        start = end + 1;
    }
    if (start != bytes.size())
        lines.push_back(bytes.substr(start)); // an unterminated tail: a test then fails on it
    return lines;
}

/// A pipe the channel writes into; the test reads the other end.
class Pipe
{
public:
    Pipe()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            qFatal("pipe2 failed");
        m_read = fds[0];
        m_write = fds[1];
    }
    ~Pipe()
    {
        closeWriteEnd();
        ::close(m_read);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    [[nodiscard]] int writeEnd() const { return m_write; }

    void closeWriteEnd()
    {
        if (m_write >= 0)
            ::close(m_write);
        m_write = -1;
    }

    /// Everything until the write end is closed (closeWriteEnd(), after the channel's close()).
    [[nodiscard]] std::string readToEnd() const
    {
        std::string all;
        char chunk[65536];
        for (;;) {
            const ssize_t n = ::read(m_read, chunk, sizeof chunk);
            if (n > 0)
                all.append(chunk, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR)
                return all;
        }
    }

    /// What arrives until `wanted` bytes are there or the deadline passes.
    [[nodiscard]] std::string readFor(std::size_t wanted, std::chrono::milliseconds deadline) const
    {
        std::string got;
        QDeadlineTimer timer(deadline);
        while (got.size() < wanted && !timer.hasExpired()) {
            pollfd fd{m_read, POLLIN, 0};
            if (::poll(&fd, 1, static_cast<int>(timer.remainingTime())) <= 0)
                continue;
            char chunk[4096];
            const ssize_t n = ::read(m_read, chunk, sizeof chunk);
            if (n <= 0)
                break;
            got.append(chunk, static_cast<std::size_t>(n));
        }
        return got;
    }

private:
    int m_read = -1;
    int m_write = -1;
};

} // namespace

/// The server's default console channel (server/app/BatchingConsoleChannel): every line,
/// in order, written at once under light load, bounded memory with a blocked reader, and
/// nothing lost at close().
class TestBatchingConsoleChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLineArrivesInOrderFromManyThreads()
    {
        constexpr int kThreads = 8;
        constexpr int kLinesPerThread = 10000;
        Pipe pipe;
        Poco::AutoPtr<BatchingConsoleChannel> channel(new BatchingConsoleChannel(pipe.writeEnd()));
        std::string output;
        std::thread reader([&] { output = pipe.readToEnd(); });

        std::vector<std::thread> writers;
        for (int t = 0; t < kThreads; ++t) {
            writers.emplace_back([&channel, t] {
                for (int i = 0; i < kLinesPerThread; ++i)
                    channel->log(line("t" + std::to_string(t) + " " + std::to_string(i)));
            });
        }
        for (std::thread& writer : writers)
            writer.join();
        channel->close();
        pipe.closeWriteEnd();
        reader.join();

        const std::vector<std::string> lines = splitLines(output);
        QCOMPARE(lines.size(), std::size_t{kThreads * kLinesPerThread});
        std::map<int, int> next; // per thread, the number its next line must carry
        for (const std::string& text : lines) {
            const std::size_t space = text.find(' ');
            QVERIFY2(text.size() > 1 && text[0] == 't' && space != std::string::npos, text.c_str());
            const int thread = std::stoi(text.substr(1, space - 1));
            const int number = std::stoi(text.substr(space + 1));
            QVERIFY2(number == next[thread], text.c_str());
            ++next[thread];
        }
        for (int t = 0; t < kThreads; ++t)
            QCOMPARE(next[t], kLinesPerThread);
        QCOMPARE(channel->droppedLines(), std::uint64_t{0});
    }

    // The server stops by closing its channels right after its last lines ("stopping"):
    // whatever the writer has not taken yet must still be written.
    void linesLoggedJustBeforeCloseAreWritten()
    {
        Pipe pipe;
        Poco::AutoPtr<BatchingConsoleChannel> channel(new BatchingConsoleChannel(pipe.writeEnd()));
        std::string output;
        std::thread reader([&] { output = pipe.readToEnd(); });

        constexpr int kLines = 5000;
        for (int i = 0; i < kLines; ++i)
            channel->log(line("last " + std::to_string(i)));
        channel->close();
        pipe.closeWriteEnd(); // the reader's end of file: nothing may come after close()
        reader.join();

        const std::vector<std::string> lines = splitLines(output);
        QCOMPARE(lines.size(), std::size_t{kLines});
        for (int i = 0; i < kLines; ++i)
            QCOMPARE(lines[static_cast<std::size_t>(i)], "last " + std::to_string(i));
    }

    // A later line after close() starts the writer again, and the destructor closes it.
    void logAfterCloseStillWrites()
    {
        Pipe pipe;
        Poco::AutoPtr<BatchingConsoleChannel> channel(new BatchingConsoleChannel(pipe.writeEnd()));
        channel->log(line("before"));
        channel->close();
        channel->log(line("after"));
        channel = nullptr; // the destructor closes
        pipe.closeWriteEnd();
        QCOMPARE(pipe.readToEnd(), std::string("before\nafter\n"));
    }

    // Light load: one line is written without waiting for a second one, a timer or close().
    void aLoneLineIsWrittenAtOnce()
    {
        Pipe pipe;
        Poco::AutoPtr<BatchingConsoleChannel> channel(new BatchingConsoleChannel(pipe.writeEnd()));
        const std::string expected = "2026-01-01 00:00:00.000 [Information] dcc.access: one\n";
        channel->log(line(expected.substr(0, expected.size() - 1)));
        QCOMPARE(pipe.readFor(expected.size(), std::chrono::seconds(5)), expected);
        // And again once the writer has gone back to waiting.
        channel->log(line("two"));
        QCOMPARE(pipe.readFor(4, std::chrono::seconds(5)), std::string("two\n"));
        channel->close();
    }

    // A reader that does not read (a blocked pipe): memory stays bounded, the lines over the
    // limit are counted, and a line later says how many, after the lines kept.
    void linesOverTheLimitAreDroppedAndCounted()
    {
        Pipe pipe;
        // The smallest pipe the kernel allows (a page): the writer blocks almost at once.
        QVERIFY(::fcntl(pipe.writeEnd(), F_SETPIPE_SZ, 4096) > 0);
        constexpr std::size_t kLimit = 64 * 1024;
        Poco::AutoPtr<BatchingConsoleChannel> channel(
            new BatchingConsoleChannel(pipe.writeEnd(), kLimit));

        // 20,000 lines of 50 bytes: 1 MB, against at most the pipe, one batch being written
        // and one buffer (each about kLimit) held at a time, whatever the writer's timing.
        constexpr int kLines = 20000;
        for (int i = 0; i < kLines; ++i) {
            std::string text = "line " + std::to_string(i) + ' ';
            text.resize(49, 'x');
            channel->log(line(text));
        }
        const std::uint64_t dropped = channel->droppedLines();
        QVERIFY2(dropped >= kLines - 3 * (kLimit + 4096) / 50,
                 qPrintable(QString::number(dropped)));

        // Now read: close() can finish writing only once the reader empties the pipe.
        std::string output;
        std::thread reader([&] { output = pipe.readToEnd(); });
        channel->close();
        pipe.closeWriteEnd();
        reader.join();

        // Usually one notice, at the end; a second one earlier when the writer thread was
        // kept off the CPU long enough for the buffer to fill before it blocked on the pipe.
        const std::string noticeMark = " log lines dropped: the output was not read fast enough";
        std::uint64_t noticed = 0;
        int notices = 0;
        std::size_t kept = 0;
        int previous = -1;
        for (const std::string& text : splitLines(output)) {
            const std::size_t mark = text.find(noticeMark);
            if (mark != std::string::npos) {
                const std::size_t number = text.rfind(' ', mark - 1) + 1;
                QVERIFY2(text.find("[Warning] BatchingConsoleChannel: ") != std::string::npos,
                         text.c_str());
                noticed += std::stoull(text.substr(number, mark - number));
                ++notices;
                continue;
            }
            QVERIFY2(text.starts_with("line ") && text.size() == 49, text.c_str());
            const int number = std::stoi(text.substr(5));
            QVERIFY2(number > previous, text.c_str()); // in order, none twice
            previous = number;
            ++kept;
        }
        QVERIFY(notices >= 1);
        QCOMPARE(noticed, dropped);
        QCOMPARE(kept + dropped, std::uint64_t{kLines});
        QVERIFY2(splitLines(output).back().find(noticeMark) != std::string::npos,
                 "the last drop is reported after the last line kept");
        QCOMPARE(channel->droppedLines(), dropped);
    }

    // The server's properties file names the class: the factory must make it.
    void isKnownToPocosLoggingFactory()
    {
        BatchingConsoleChannel::registerClass();
        BatchingConsoleChannel::registerClass(); // a second call must not throw
        Poco::AutoPtr<Poco::Channel> made(
            Poco::LoggingFactory::defaultFactory().createChannel("BatchingConsoleChannel"));
        QVERIFY(dynamic_cast<BatchingConsoleChannel*>(made.get()) != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestBatchingConsoleChannel)
#include "TestBatchingConsoleChannel.moc"
