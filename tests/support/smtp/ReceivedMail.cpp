#include "tests/support/smtp/ReceivedMail.h"

#include <QRegularExpression>

namespace dcc::test {

namespace {

QByteArray decodeQ(QByteArray text)
{
    text.replace('_', ' ');
    return ReceivedMail::decodeQuotedPrintable(text);
}

QString decodeCharset(const QByteArray& bytes, const QByteArray& charset)
{
    const QByteArray lower = charset.toLower();
    if (lower == "utf-8" || lower == "us-ascii")
        return QString::fromUtf8(bytes);
    return QString::fromLatin1(bytes);
}

} // namespace

QByteArray ReceivedMail::decodeQuotedPrintable(const QByteArray& encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c != '=') {
            out += c;
            continue;
        }
        // Soft line break: "=" at the end of a line.
        if (i + 1 < encoded.size() && encoded.at(i + 1) == '\n') {
            ++i;
            continue;
        }
        if (i + 2 < encoded.size() && encoded.at(i + 1) == '\r' && encoded.at(i + 2) == '\n') {
            i += 2;
            continue;
        }
        bool ok = false;
        const int value = encoded.mid(i + 1, 2).toInt(&ok, 16);
        if (ok) {
            out += static_cast<char>(value);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

QString ReceivedMail::decodeHeaderValue(const QByteArray& value)
{
    static const QRegularExpression word(QStringLiteral(R"(=\?([^?]+)\?([bBqQ])\?([^?]*)\?=)"));
    const QString text = QString::fromLatin1(value);
    QString out;
    // Bytes of adjacent encoded words are joined before decoding, so that a character
    // split across two words (which RFC 2047 forbids but some writers do) still decodes.
    QByteArray pendingBytes;
    QByteArray pendingCharset;
    qsizetype position = 0;
    auto flush = [&] {
        if (!pendingBytes.isEmpty())
            out += decodeCharset(pendingBytes, pendingCharset);
        pendingBytes.clear();
    };
    auto matches = word.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString between = text.mid(position, match.capturedStart() - position);
        const bool adjacent =
            position > 0 && !pendingBytes.isEmpty() && between.trimmed().isEmpty();
        if (!adjacent) {
            flush();
            out += between;
        }
        const QByteArray charset = match.captured(1).toLatin1();
        const QByteArray payload = match.captured(3).toLatin1();
        if (!pendingBytes.isEmpty() && charset.toLower() != pendingCharset.toLower())
            flush();
        pendingCharset = charset;
        pendingBytes += match.captured(2).toUpper() == QLatin1String("B")
                            ? QByteArray::fromBase64(payload)
                            : decodeQ(payload);
        position = match.capturedEnd();
    }
    flush();
    out += text.mid(position);
    return out;
}

ReceivedMail ReceivedMail::parse(const QByteArray& wireText, const QString& fileName)
{
    ReceivedMail mail;
    mail.m_fileName = fileName;
    QByteArray text = wireText;
    text.replace("\r\n", "\n");
    qsizetype headerEnd = text.indexOf("\n\n");
    if (headerEnd < 0)
        headerEnd = text.size();

    QList<QPair<QByteArray, QByteArray>> raw;
    for (const QByteArray& line : text.left(headerEnd).split('\n')) {
        if ((line.startsWith(' ') || line.startsWith('\t')) && !raw.isEmpty()) {
            raw.last().second += line; // unfolding keeps the white space
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        raw.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    for (const auto& [name, value] : raw)
        mail.m_headers.append({name, decodeHeaderValue(value)});

    const QByteArray body = text.mid(headerEnd + 2);
    const QString encoding = mail.header("Content-Transfer-Encoding").trimmed().toLower();
    QByteArray decoded = body;
    if (encoding == QLatin1String("quoted-printable"))
        decoded = decodeQuotedPrintable(body);
    else if (encoding == QLatin1String("base64"))
        decoded = QByteArray::fromBase64(body);
    mail.m_body = QString::fromUtf8(decoded);
    return mail;
}

QString ReceivedMail::header(const QByteArray& name) const
{
    for (const auto& [headerName, value] : m_headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int ReceivedMail::headerCount(const QByteArray& name) const
{
    int count = 0;
    for (const auto& header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            ++count;
    }
    return count;
}

} // namespace dcc::test
