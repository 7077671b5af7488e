#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace dcc::test {

/// One mail as a reader sees it, decoded from its wire text (a Maildir file of the test
/// SMTP server, an .eml of the outbox): headers unfolded with RFC 2047 encoded words
/// decoded, the body with its transfer encoding (quoted-printable, base64) undone, as
/// UTF-8 text with LF line ends.
class ReceivedMail
{
public:
    ReceivedMail() = default;
    static ReceivedMail parse(const QByteArray& wireText, const QString& fileName = {});

    [[nodiscard]] bool isNull() const { return m_fileName.isEmpty() && m_headers.isEmpty(); }
    [[nodiscard]] const QString& fileName() const { return m_fileName; }

    /// The first header of that name (case-insensitive), decoded; a null QString if none.
    [[nodiscard]] QString header(const QByteArray& name) const;
    [[nodiscard]] int headerCount(const QByteArray& name) const;
    [[nodiscard]] const QList<QPair<QByteArray, QString>>& headers() const { return m_headers; }
    [[nodiscard]] const QString& body() const { return m_body; }

    /// RFC 2047: "=?UTF-8?B?…?=" / "=?UTF-8?Q?…?=" words decoded, the white space between
    /// two adjacent words dropped.
    static QString decodeHeaderValue(const QByteArray& value);
    static QByteArray decodeQuotedPrintable(const QByteArray& encoded);

private:
    QString m_fileName;
    QList<QPair<QByteArray, QString>> m_headers;
    QString m_body;
};

} // namespace dcc::test
