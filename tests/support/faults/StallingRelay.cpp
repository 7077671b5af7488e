#include "tests/support/faults/StallingRelay.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <stdexcept>

namespace dcc::test {

namespace {

/// Length of the first complete request in `bytes` (head and Content-Length body), 0 while
/// it is incomplete.
qsizetype requestLength(const QByteArray& bytes, QString& path)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.front().trimmed().split(' ');
    const QByteArray target = requestLine.size() > 1 ? requestLine.at(1) : QByteArray();
    path = QString::fromLatin1(
        target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')));
    qsizetype bodyLength = 0;
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            bodyLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + bodyLength;
    return bytes.size() >= total ? total : 0;
}

} // namespace

StallingRelay::StallingRelay(quint16 upstreamPort, QObject* parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0))
        throw std::runtime_error("StallingRelay: cannot listen: " +
                                 m_server.errorString().toStdString());
    connect(&m_server, &QTcpServer::newConnection, this, &StallingRelay::accept);
}

StallingRelay::~StallingRelay()
{
    for (Link& link : m_links) {
        if (link.upstream)
            link.upstream->abort();
        if (link.client)
            link.client->abort();
    }
}

QString StallingRelay::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

void StallingRelay::fail(const QString& path, Failure failure)
{
    m_path = path;
    m_failure = failure;
}

void StallingRelay::accept()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        auto* upstream = new QTcpSocket(client); // goes with its client
        m_links.insert(client, Link{client, upstream, {}, false});
        connect(client, &QTcpSocket::readyRead, this, [this, client] {
            const auto it = m_links.find(client);
            if (it == m_links.end())
                return;
            it->pending += client->readAll();
            relayRequests(*it);
        });
        connect(client, &QTcpSocket::disconnected, this, [this, client] { drop(client); });
        connect(upstream, &QTcpSocket::readyRead, this, [client, upstream] {
            if (client->state() == QAbstractSocket::ConnectedState)
                client->write(upstream->readAll());
        });
        connect(upstream, &QTcpSocket::connected, this, [this, client] {
            if (const auto it = m_links.find(client); it != m_links.end())
                relayRequests(*it);
        });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

void StallingRelay::relayRequests(Link& link)
{
    if (!link.client || !link.upstream)
        return;
    while (!link.swallowing) {
        QString path;
        const qsizetype length = requestLength(link.pending, path);
        if (length == 0)
            return;
        if (m_failure != Failure::None && path == m_path) {
            ++m_failed;
            if (m_failure == Failure::HangUp) {
                link.client->abort(); // drop() follows from disconnected
                return;
            }
            link.swallowing = true; // this connection never answers again
            break;
        }
        if (link.upstream->state() != QAbstractSocket::ConnectedState)
            return; // sent once connected
        link.upstream->write(link.pending.left(length));
        link.pending.remove(0, length);
        m_relayed[path] += 1;
    }
    link.pending.clear();
}

void StallingRelay::drop(QTcpSocket* client)
{
    const Link link = m_links.take(client);
    if (link.upstream)
        link.upstream->abort();
    client->deleteLater();
}

} // namespace dcc::test
