// The client's reading of the server's answers: a ServerApi call to a loopback HTTP peer
// that answers with the input, through QNetworkAccessManager, ApiCall (size limit, JSON
// object check, status classes) and ApiError (the protocol error's fields), then the
// fields the login controllers read from a success.
//
// Input: one byte choosing the call, one byte choosing the HTTP status, the answer's body.
// The call must end, with exactly one signal, within kDeadline (abort otherwise).
#include "client/api/ApiCall.h"
#include "client/api/ApiError.h"
#include "client/api/ServerApi.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

constexpr int kDeadlineMs = 10000;

void require(bool condition)
{
    if (!condition)
        std::abort();
}

constexpr std::array kStatuses = {200, 202, 204, 400, 401, 403, 404, 409, 410,
                                  413, 415, 422, 429, 500, 502, 503, 301, 302};

/// An HTTP/1.1 peer on loopback that reads each request (headers and Content-Length body)
/// and answers it with the current status and body, keeping the connection open.
class AnsweringPeer : public QObject
{
public:
    AnsweringPeer()
    {
        require(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                // Without it, delayed ACKs make each exchange take tens of milliseconds.
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_pending.remove(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    void setAnswer(int status, QByteArray body)
    {
        m_status = status;
        m_body = std::move(body);
    }

private:
    void onReadyRead(QTcpSocket* socket)
    {
        QByteArray& pending = m_pending[socket];
        pending += socket->readAll();
        for (;;) {
            const qsizetype end = pending.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray& line : pending.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (pending.size() < end + 4 + length)
                return;
            pending.remove(0, end + 4 + length);
            answer(socket);
        }
    }

    void answer(QTcpSocket* socket) const
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(m_status) + " Fuzzed\r\n";
        head += "Content-Type: application/json\r\n";
        if (m_status >= 300 && m_status < 400)
            head += "Location: https://portal.invalid/login\r\n";
        head += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n\r\n";
        socket->write(head + m_body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_pending;
    int m_status = 200;
    QByteArray m_body;
};

struct Client
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<AnsweringPeer> peer;
    std::unique_ptr<dcc::client::ServerApi> api;
};

Client& client()
{
    static Client* instance = [] {
        static int argc = 1;
        static char name[] = "fuzz_client_answers";
        static char* argv[] = {name, nullptr};
        auto* made = new Client;
        made->app = std::make_unique<QCoreApplication>(argc, argv);
        made->peer = std::make_unique<AnsweringPeer>();
        const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(made->peer->port()));
        made->api = std::make_unique<dcc::client::ServerApi>(base);
        return made;
    }();
    return *instance;
}

dcc::client::ApiCall* call(dcc::client::ServerApi& api, std::uint8_t selector)
{
    switch (selector % 7) {
    case 0:
        return api.info();
    case 1:
        return api.startOtp(QStringLiteral("j.dupont"), QStringLiteral("Soleil-2024!"));
    case 2:
        return api.resendOtp(QStringLiteral("flow"));
    case 3:
        return api.verifyOtp(QStringLiteral("flow"), QStringLiteral("123456"));
    case 4:
        return api.cpsChallenge(QStringLiteral("j.dupont"), QStringLiteral("Soleil-2024!"));
    case 5:
        return api.cpsVerify(QStringLiteral("flow"), QByteArray("\x30\x82", 2),
                             QByteArray(256, '\x01'), QStringLiteral("RS256"));
    default:
        return api.forgotPassword(QStringLiteral("j.dupont"));
    }
}

// What the login controllers and the window read from a success.
void readSuccess(const QJsonObject& body)
{
    (void)body.value(QStringLiteral("channel")).toString();
    (void)body.value(QStringLiteral("expires_in")).toInt();
    (void)body.value(QStringLiteral("resend_in")).toInt();
    (void)body.value(QStringLiteral("flow")).toString();
    (void)body.value(QStringLiteral("nonce")).toString();
    (void)body.value(QStringLiteral("display_name")).toString();
    (void)QUrl(body.value(QStringLiteral("launch_url")).toString()).isValid();
}

void readFailure(const dcc::client::ApiError& error)
{
    require(!dcc::client::ApiError::kindName(error.kind()).isEmpty());
    require(!error.description().isEmpty());
    (void)error.code();
    (void)error.attemptsLeft();
    (void)error.retryAfter();
    (void)error.reason();
    (void)error.rules();
    (void)error.field();
    (void)error.message();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    Client& c = client();
    const int status = kStatuses.at(data[1] % kStatuses.size());
    // NOLINTNEXTLINE: libFuzzer hands bytes.
    c.peer->setAnswer(status, QByteArray(reinterpret_cast<const char*>(data + 2),
                                         static_cast<qsizetype>(size - 2)));

    dcc::client::ApiCall* pending = call(*c.api, data[0]);
    int emitted = 0;
    QEventLoop loop;
    QObject::connect(pending, &dcc::client::ApiCall::succeeded, &loop,
                     [&](const QJsonObject& body) {
                         ++emitted;
                         readSuccess(body);
                         loop.quit();
                     });
    QObject::connect(pending, &dcc::client::ApiCall::failed, &loop,
                     [&](const dcc::client::ApiError& error) {
                         ++emitted;
                         readFailure(error);
                         loop.quit();
                     });
    QTimer::singleShot(kDeadlineMs, &loop, [] { std::abort(); });
    loop.exec();
    // The call deletes itself after its signal: let that happen before the next input.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    require(emitted == 1);
    return 0;
}
