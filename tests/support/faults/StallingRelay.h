#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace dcc::test {

/// A plain-HTTP relay between a client and a real server on loopback that, on cue, fails
/// one API call the way networks fail: the request is swallowed and never answered (a server
/// that hangs, a dropped route), or the connection is closed without an answer (a server
/// that dies). Every other request goes through untouched, so a test can break exactly one
/// step of a login and then let the next attempt through. Lives on the thread that made it
/// (the client's event loop drives it).
class StallingRelay : public QObject
{
    Q_OBJECT

public:
    enum class Failure
    {
        None,
        Silence, ///< request read, never forwarded, never answered
        HangUp,  ///< connection closed as soon as the request is read
    };

    /// Listens on 127.0.0.1 (a free port) and relays to `upstreamPort` on 127.0.0.1 (set
    /// later with setUpstreamPort() when the server needs to know the relay's address
    /// first); throws std::runtime_error when it cannot listen.
    explicit StallingRelay(quint16 upstreamPort = 0, QObject* parent = nullptr);
    ~StallingRelay() override;

    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    [[nodiscard]] QString baseUrl() const;
    /// Fails the requests whose path (query left out) is `path`; Failure::None relays all.
    void fail(const QString& path, Failure failure);
    /// Requests failed so far.
    [[nodiscard]] int failedRequests() const { return m_failed; }
    /// Requests relayed so far, by path.
    [[nodiscard]] int relayedRequests(const QString& path) const { return m_relayed.value(path); }

private:
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pending; ///< client bytes not yet relayed (an incomplete request)
        bool swallowing = false;
    };

    void accept();
    void relayRequests(Link& link);
    void drop(QTcpSocket* client);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    QString m_path;
    Failure m_failure = Failure::None;
    int m_failed = 0;
    QHash<QString, int> m_relayed;
    QHash<QTcpSocket*, Link> m_links; // by client socket
};

} // namespace dcc::test
