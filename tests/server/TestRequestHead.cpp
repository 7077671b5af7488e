#include "server/http/RequestHead.h"

#include <QtTest>

#include <string>

using dcc::server::RequestHead;

/// What the connection loop reads from the bytes it has taken of a request
/// (server/http/RequestHead): whether the head is whole, what it asks, whether a body follows.
class TestRequestHead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeHeadIsRead()
    {
        const std::string bytes = "GET /api/v1/session?x=1 HTTP/1.1\r\nHost: a\r\n"
                                  "Cookie: dcc_session=abc\r\n\r\n";
        const RequestHead head = RequestHead::inspect(bytes);
        QCOMPARE(head.state(), RequestHead::State::Complete);
        QCOMPARE(head.request().getMethod(), std::string("GET"));
        QCOMPARE(head.request().getURI(), std::string("/api/v1/session?x=1"));
        QCOMPARE(head.request().get("Cookie"), std::string("dcc_session=abc"));
        QVERIFY(!head.hasBody());
        QCOMPARE(head.size(), bytes.size());
    }

    void bytesAfterTheHeadAreNotPartOfIt()
    {
        // A second request pipelined behind the first.
        const std::string first = "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n";
        const RequestHead head = RequestHead::inspect(first + "GET /api/v1/info HTTP/1.1\r\n");
        QCOMPARE(head.state(), RequestHead::State::Complete);
        QCOMPARE(head.request().getURI(), std::string("/healthz"));
        QCOMPARE(head.size(), first.size());
    }

    void headWithoutItsBlankLineIsIncomplete_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("request line only") << QByteArray("GET /healthz HTTP/1.1\r\n");
        QTest::newRow("half a field") << QByteArray("GET /healthz HTTP/1.1\r\nHo");
        QTest::newRow("one line end short") << QByteArray("GET /healthz HTTP/1.1\r\nHost: a\r\n\r");
    }
    void headWithoutItsBlankLineIsIncomplete()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(RequestHead::inspect(bytes.toStdString()).state(), RequestHead::State::Incomplete);
    }

    void bodyIsAnnounced_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<bool>("hasBody");
        QTest::newRow("length") << QByteArray("Content-Length: 12\r\n") << true;
        QTest::newRow("length 0") << QByteArray("Content-Length: 0\r\n") << false;
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << true;
        QTest::newRow("none") << QByteArray() << false;
    }
    void bodyIsAnnounced()
    {
        QFETCH(QByteArray, field);
        QFETCH(bool, hasBody);
        const std::string bytes =
            "POST /api/v1/auth/otp HTTP/1.1\r\nHost: a\r\n" + field.toStdString() + "\r\n";
        const RequestHead head = RequestHead::inspect(bytes);
        QCOMPARE(head.state(), RequestHead::State::Complete);
        QCOMPARE(head.hasBody(), hasBody);
    }

    void malformedHeadIsLeftToTheWorkersParser_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("field name too long")
            << QByteArray("GET / HTTP/1.1\r\n" + QByteArray(300, 'X') + ": y\r\n\r\n");
        QTest::newRow("length not a number")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: many\r\n\r\n");
    }
    void malformedHeadIsLeftToTheWorkersParser()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(RequestHead::inspect(bytes.toStdString()).state(), RequestHead::State::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "TestRequestHead.moc"
