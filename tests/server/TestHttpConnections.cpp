#include "server/app/HttpListener.h"
#include "server/app/ServerConfig.h"
#include "tests/server/InProcessServer.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QtTest>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

using dcc::test::InProcessServer;

namespace {

/// Keeps the text of every message logged to it.
class RecordingChannel : public Poco::Channel
{
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(m_mutex);
        m_lines += message.getText() + '\n';
    }
    bool contains(const std::string& text)
    {
        const std::lock_guard lock(m_mutex);
        return m_lines.find(text) != std::string::npos;
    }
    std::string all()
    {
        const std::lock_guard lock(m_mutex);
        return m_lines;
    }

private:
    std::mutex m_mutex;
    std::string m_lines;
};

} // namespace

/// The server's connection loops and workers (server/http/ConnectionLoop, HttpConnection):
/// keep-alive, pipelined requests, the keep-alive limit, malformed requests, heads that
/// arrive in pieces, quick requests while every worker waits, interim 100 Continue answers
/// and a stop with idle connections, spoken byte by byte over real sockets.
class TestHttpConnections : public QObject
{
    Q_OBJECT

    std::unique_ptr<InProcessServer> m_server;

    struct Answer
    {
        std::string head;
        std::string body;
    };

    Poco::Net::StreamSocket connect()
    {
        const QUrl url(m_server->baseUrl());
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress(
            url.host().toStdString(), static_cast<Poco::UInt16>(url.port())));
        // Every read below waits at most this long: a missing answer fails the test.
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
        return socket;
    }

    static void send(Poco::Net::StreamSocket& socket, const std::string& bytes)
    {
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    }

    static std::string get(const std::string& path)
    {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /// Reads `count` whole answers (head and Content-Length body); fewer when the server
    /// closes the connection first or stops answering for the 5 s receive timeout.
    static std::vector<Answer> read(Poco::Net::StreamSocket& socket, std::size_t count,
                                    std::string& pending)
    {
        std::vector<Answer> answers;
        while (answers.size() < count) {
            const std::size_t headEnd = pending.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                Answer answer;
                answer.head = pending.substr(0, headEnd);
                std::size_t length = 0;
                const std::size_t field = answer.head.find("Content-Length: ");
                if (field != std::string::npos)
                    length = std::stoul(answer.head.substr(field + 16));
                if (pending.size() >= headEnd + 4 + length) {
                    answer.body = pending.substr(headEnd + 4, length);
                    pending.erase(0, headEnd + 4 + length);
                    answers.push_back(std::move(answer));
                    continue;
                }
            }
            char buffer[4096];
            int received = 0;
            try {
                received = socket.receiveBytes(buffer, sizeof buffer);
            } catch (const Poco::TimeoutException&) {
                break; // the answers missing are the test's failure
            }
            if (received <= 0)
                break;
            pending.append(buffer, static_cast<std::size_t>(received));
        }
        return answers;
    }

    /// True when the server closed the connection (a read returns end of file).
    static bool closedByServer(Poco::Net::StreamSocket& socket)
    {
        char byte = 0;
        return socket.receiveBytes(&byte, 1) == 0;
    }

    /// True when the server ends the connection before the 5 s receive timeout; what it
    /// sent before goes to `received`.
    static bool endsWithin5s(Poco::Net::StreamSocket& socket, std::string& received)
    {
        try {
            char buffer[1024];
            for (int n = 0; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
                received.append(buffer, static_cast<std::size_t>(n));
            return true;
        } catch (const Poco::TimeoutException&) {
            return false;
        } catch (const Poco::Net::ConnectionResetException&) {
            return true;
        }
    }

    /// A login request whose head has come but whose body stops halfway: the worker that
    /// reads it waits for the rest (up to the 20 s request timeout).
    static std::string stalledLogin()
    {
        return "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"identi";
    }

private Q_SLOTS:
    void init() { m_server = std::make_unique<InProcessServer>(); }
    void cleanup() { m_server.reset(); }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        // The second request is already in the connection's buffer when the first is
        // answered: the loop must serve it without waiting for the socket.
        Poco::Net::StreamSocket socket = connect();
        send(socket, get("/healthz") + get("/api/v1/info") + get("/nowhere"));
        std::string pending;
        const std::vector<Answer> answers = read(socket, 3, pending);
        QCOMPARE(answers.size(), std::size_t(3));
        QVERIFY(answers[0].head.starts_with("HTTP/1.1 200"));
        QVERIFY(answers[1].head.starts_with("HTTP/1.1 200"));
        QVERIFY(answers[1].body.find("\"server_time\":") != std::string::npos);
        QVERIFY(answers[2].head.starts_with("HTTP/1.1 404"));
    }

    void pipelinedRequestsBeyondTheHeadBufferAreAllAnswered()
    {
        // More pipelined requests than the loop's 8 KiB head buffer holds, in one send: the
        // request cut by the buffer's end must still be completed and answered (it once
        // waited forever, with the loop spinning on it).
        Poco::Net::StreamSocket socket = connect();
        std::string requests;
        for (int i = 0; i < 400; ++i)
            requests += get("/healthz");
        QVERIFY(requests.size() > 8192);
        send(socket, requests);
        std::string pending;
        const std::vector<Answer> answers = read(socket, 400, pending);
        QCOMPARE(answers.size(), std::size_t(400));
        for (const Answer& answer : answers)
            QVERIFY2(answer.head.starts_with("HTTP/1.1 200"), answer.head.c_str());
    }

    void pipelinedRequestsBehindAWorkersOneAreAllAnswered()
    {
        // A login (a worker's) exactly as long as the parser's first read (4,096 bytes),
        // then short requests in the same send: they stay in the loop's read-ahead after the
        // worker's turn, and must be answered though the socket will not signal them again.
        Poco::Net::StreamSocket socket = connect();
        const std::string body = R"({"identifier":"nobody","password":"Wrong-password-1"})";
        const std::string start = "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: " +
                                  std::to_string(body.size()) + "\r\nX-Pad: ";
        const std::string end = "\r\n\r\n" + body;
        std::string requests = start + std::string(4096 - start.size() - end.size(), 'p') + end;
        QCOMPARE(requests.size(), std::size_t(4096));
        constexpr std::size_t kFollowing = 80; // 3,360 bytes: all within the loop's 8 KiB
        for (std::size_t i = 0; i < kFollowing; ++i)
            requests += get("/healthz");
        send(socket, requests);
        std::string pending;
        const std::vector<Answer> answers = read(socket, kFollowing + 1, pending);
        QCOMPARE(answers.size(), kFollowing + 1);
        QVERIFY2(answers.front().head.starts_with("HTTP/1.1 401"), answers.front().head.c_str());
        QVERIFY(answers.back().head.starts_with("HTTP/1.1 200"));
    }

    void keepAliveEndsAfterItsLimit()
    {
        // HttpListener allows 1000 requests per connection; the last one says so and the
        // server closes.
        Poco::Net::StreamSocket socket = connect();
        std::string pending;
        for (int i = 1; i <= 1000; ++i) {
            send(socket, get("/healthz"));
            const std::vector<Answer> answer = read(socket, 1, pending);
            QCOMPARE(answer.size(), std::size_t(1));
            const bool closes = answer[0].head.find("\r\nConnection: Close") != std::string::npos;
            if (closes != (i == 1000))
                QFAIL(qPrintable(QStringLiteral("answer %1 of 1000 %2 the connection:\n%3")
                                     .arg(i)
                                     .arg(closes ? "closes" : "keeps")
                                     .arg(QString::fromStdString(answer[0].head))));
        }
        QVERIFY(closedByServer(socket));
    }

    void clientAskingForCloseIsClosed()
    {
        Poco::Net::StreamSocket socket = connect();
        send(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        std::string pending;
        const std::vector<Answer> answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY(answer[0].head.starts_with("HTTP/1.1 200"));
        QVERIFY(closedByServer(socket));
    }

    void malformedRequestGets400AndTheConnectionEnds()
    {
        Poco::Net::StreamSocket socket = connect();
        // A header name longer than Poco's parser takes (256 characters).
        send(socket, "GET /healthz HTTP/1.1\r\n" + std::string(300, 'X') + ": y\r\n\r\n");
        std::string pending;
        const std::vector<Answer> answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY2(answer[0].head.starts_with("HTTP/1.1 400"), answer[0].head.c_str());
        QVERIFY(closedByServer(socket));
    }

    void headArrivingInPiecesIsAnsweredOnceWhole()
    {
        Poco::Net::StreamSocket socket = connect();
        const std::string request = get("/api/v1/info");
        for (std::size_t i = 0; i < request.size(); i += 7)
            send(socket, request.substr(i, 7));
        std::string pending;
        const std::vector<Answer> answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY2(answer[0].head.starts_with("HTTP/1.1 200"), answer[0].head.c_str());
        QVERIFY(answer[0].body.find("\"server_time\":") != std::string::npos);
    }

    void unfinishedHeadsHoldNoWorker()
    {
        // Three times as many clients as workers (InProcessServer: 8) leave a head
        // unfinished, as a slow client or a slowloris attack does; it waits in its connection
        // loop, not in a worker, so a login request still gets its answer at once. (Each loop
        // gets half of them, ahead of the login request: more than every worker.)
        std::vector<Poco::Net::StreamSocket> slow;
        for (int i = 0; i < 24; ++i) {
            slow.push_back(connect());
            send(slow.back(), "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\nCont");
        }
        Poco::Net::StreamSocket socket = connect();
        const std::string body = R"({"identifier":"nobody","password":"Wrong-password-1"})";
        send(socket, "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body);
        std::string pending;
        const std::vector<Answer> answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY2(answer[0].head.starts_with("HTTP/1.1 401"), answer[0].head.c_str());
    }

    void quickRequestsAreAnsweredWhileEveryWorkerWaits()
    {
        // Twice as many stalled bodies as workers: every worker waits for one, the rest
        // queue. The loops answer /api/v1/info and /healthz themselves all the same.
        std::vector<Poco::Net::StreamSocket> stalled;
        for (int i = 0; i < 16; ++i) {
            stalled.push_back(connect());
            send(stalled.back(), stalledLogin());
        }
        Poco::Net::StreamSocket socket = connect();
        send(socket, get("/api/v1/info") + get("/healthz"));
        std::string pending;
        const std::vector<Answer> answers = read(socket, 2, pending);
        QCOMPARE(answers.size(), std::size_t(2));
        QVERIFY(answers[0].head.starts_with("HTTP/1.1 200"));
        QVERIFY(answers[1].head.starts_with("HTTP/1.1 200"));
    }

    void interimContinueComesBeforeTheBodyIsRead()
    {
        // The client sends its body only after "100 Continue": the server must send that
        // interim answer before it waits for the body, not with the final answer.
        Poco::Net::StreamSocket socket = connect();
        const std::string body = R"({"identifier":"nobody","password":"Wrong-password-1"})";
        send(socket, "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Expect: 100-continue\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n");
        std::string pending;
        std::vector<Answer> answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY2(answer[0].head.starts_with("HTTP/1.1 100"), answer[0].head.c_str());
        send(socket, body);
        answer = read(socket, 1, pending);
        QCOMPARE(answer.size(), std::size_t(1));
        QVERIFY2(answer[0].head.starts_with("HTTP/1.1 401"), answer[0].head.c_str());
    }

    void connectionsBeyondTheLimitAreClosedAtOnce()
    {
        m_server = std::make_unique<InProcessServer>(
            [](dcc::server::ServerConfig& config) { config.maxConnections = 2; });
        std::string pending;
        Poco::Net::StreamSocket first = connect();
        Poco::Net::StreamSocket second = connect();
        for (Poco::Net::StreamSocket* socket : {&first, &second}) {
            send(*socket, get("/healthz"));
            QCOMPARE(read(*socket, 1, pending).size(), std::size_t(1));
        }
        Poco::Net::StreamSocket third = connect();
        QVERIFY(closedByServer(third));
        // A closed connection frees its place.
        first.close();
        const auto answeredOnANewConnection = [this] {
            try {
                Poco::Net::StreamSocket again = connect();
                send(again, get("/healthz"));
                std::string answered;
                return read(again, 1, answered).size() == 1;
            } catch (const Poco::Exception&) {
                return false; // refused while the server had not yet seen the close
            }
        };
        // Each try opens a connection: once one is answered, no more tries.
        bool answered = false;
        QTRY_VERIFY_WITH_TIMEOUT(answered = answered || answeredOnANewConnection(), 5000);
    }

    void silentConnectionsAreClosedAtTheirTimeouts()
    {
        // With one-second timeouts: a head left unfinished (waiting in its loop), a body
        // stalled halfway (in a worker) and an idle keep-alive connection are each closed
        // after about a second, and not before.
        m_server = std::make_unique<InProcessServer>([](dcc::server::ServerConfig& config) {
            config.requestTimeout = 1;
            config.keepAliveTimeout = 1;
        });
        // Started before the first byte is sent: no deadline can fall before a second of it.
        QElapsedTimer waited;
        waited.start();
        Poco::Net::StreamSocket unfinished = connect();
        send(unfinished, "GET /healthz HTTP/1.1\r\nHo");
        Poco::Net::StreamSocket stalled = connect();
        send(stalled, stalledLogin());
        Poco::Net::StreamSocket idle = connect();
        send(idle, get("/healthz"));
        std::string pending;
        QCOMPARE(read(idle, 1, pending).size(), std::size_t(1));
        for (Poco::Net::StreamSocket* socket : {&unfinished, &stalled, &idle}) {
            std::string answers;
            QVERIFY(endsWithin5s(*socket, answers));
            QVERIFY2(waited.elapsed() >= 950, qPrintable(QString::number(waited.elapsed())));
            // The stalled body is told why.
            if (socket == &stalled)
                QVERIFY2(answers.starts_with("HTTP/1.1 408") &&
                             answers.find("\"request_timeout\"") != std::string::npos,
                         answers.c_str());
            else
                QCOMPARE(answers, std::string());
        }
    }

    void bodyCutShortIsRefusedAsSuch()
    {
        // The client stops sending halfway through its body: it is told the body was short,
        // not that it is malformed JSON.
        Poco::Net::StreamSocket socket = connect();
        send(socket, stalledLogin());
        socket.shutdownSend();
        std::string answers;
        QVERIFY(endsWithin5s(socket, answers));
        QVERIFY2(answers.starts_with("HTTP/1.1 400") &&
                     answers.find("the body ended before its Content-Length") != std::string::npos,
                 answers.c_str());
    }

    void connectionResetDuringTheBodyIsNoServerError()
    {
        // The client drops the connection (a reset) while the server reads its body: the
        // request ends as the client's failure, not as an "internal error" in the log.
        m_server = std::make_unique<InProcessServer>(
            [](dcc::server::ServerConfig& config) { config.maxThreads = 1; });
        Poco::AutoPtr<RecordingChannel> recorded(new RecordingChannel);
        Poco::Logger& http = Poco::Logger::get("dcc.http");
        const Poco::AutoPtr<Poco::Channel> before(http.getChannel());
        http.setChannel(recorded);
        const auto restore = qScopeGuard([&] { http.setChannel(before); });

        Poco::Net::StreamSocket dropped = connect();
        send(dropped, "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Expect: 100-continue\r\nContent-Type: application/json\r\n"
                      "Content-Length: 100\r\n\r\n");
        std::string interim;
        // "100 Continue": the worker now waits for the body.
        QCOMPARE(read(dropped, 1, interim).size(), std::size_t(1));
        send(dropped, "{\"identi");
        dropped.setLinger(true, 0); // closing now sends a reset
        dropped.close();

        // The only worker serves this login after the dropped request: once it is
        // answered, the dropped one is over.
        Poco::Net::StreamSocket socket = connect();
        const std::string body = R"({"identifier":"nobody","password":"Wrong-password-1"})";
        send(socket, "POST /api/v1/auth/otp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body);
        std::string pending;
        QCOMPARE(read(socket, 1, pending).size(), std::size_t(1));
        QVERIFY2(!recorded->contains("internal error"), recorded->all().c_str());
    }

    void stopDoesNotWaitForIdleConnections()
    {
        // A keep-alive connection waiting for its next request (for up to 15 s) is woken
        // and closed by the stop, which then returns at once.
        Poco::Net::StreamSocket socket = connect();
        send(socket, get("/healthz"));
        std::string pending;
        QCOMPARE(read(socket, 1, pending).size(), std::size_t(1));
        QElapsedTimer stopping;
        stopping.start();
        m_server.reset();
        QVERIFY2(stopping.elapsed() < 3000, qPrintable(QString::number(stopping.elapsed())));
        QVERIFY(closedByServer(socket));
    }
};

QTEST_GUILESS_MAIN(TestHttpConnections)
#include "TestHttpConnections.moc"
