#include "client/card/pkcs11/EcdsaSignature.h"

#include <optional>

namespace dcc::card {

namespace {

constexpr char kSequence = 0x30;
constexpr char kInteger = 0x02;

void appendLength(QByteArray& out, qsizetype length)
{
    if (length < 0x80) {
        out.append(static_cast<char>(length));
    } else if (length <= 0xFF) {
        out.append(static_cast<char>(0x81));
        out.append(static_cast<char>(length));
    } else {
        out.append(static_cast<char>(0x82));
        out.append(static_cast<char>(length >> 8));
        out.append(static_cast<char>(length & 0xFF));
    }
}

// A big-endian unsigned value as a DER INTEGER: no superfluous leading zero bytes, and one
// zero byte in front when the top bit is set (it would read as negative otherwise).
QByteArray derInteger(QByteArray value)
{
    qsizetype leading = 0;
    while (leading + 1 < value.size() && value.at(leading) == 0)
        ++leading;
    value.remove(0, leading);
    if (value.isEmpty())
        value.append('\0');
    if (static_cast<unsigned char>(value.at(0)) & 0x80)
        value.prepend('\0');
    QByteArray out;
    out.append(kInteger);
    appendLength(out, value.size());
    out.append(value);
    return out;
}

class DerReader
{
public:
    explicit DerReader(const QByteArray& data)
        : m_data(data)
    {}

    [[nodiscard]] bool atEnd() const { return m_pos == m_data.size(); }

    /// The contents of the next element with this tag, or nothing when it is not strict DER.
    std::optional<QByteArray> element(char tag)
    {
        if (m_pos >= m_data.size() || m_data.at(m_pos) != tag)
            return std::nullopt;
        ++m_pos;
        const auto length = readLength();
        if (!length || *length > m_data.size() - m_pos)
            return std::nullopt;
        QByteArray contents = m_data.mid(m_pos, *length);
        m_pos += *length;
        return contents;
    }

private:
    std::optional<qsizetype> readLength()
    {
        if (m_pos >= m_data.size())
            return std::nullopt;
        const auto first = static_cast<unsigned char>(m_data.at(m_pos++));
        if (first < 0x80)
            return first;
        const int bytes = first & 0x7F;
        if (bytes == 0 || bytes > 2 || m_pos + bytes > m_data.size())
            return std::nullopt;
        qsizetype length = 0;
        for (int i = 0; i < bytes; ++i)
            length = length << 8 | static_cast<unsigned char>(m_data.at(m_pos++));
        // Minimal form only: a long form must be needed, and have no leading zero byte.
        if (length < 0x80 || (bytes == 2 && length <= 0xFF))
            return std::nullopt;
        return length;
    }

    const QByteArray& m_data;
    qsizetype m_pos = 0;
};

// The unsigned magnitude of a strict DER INTEGER, left-padded to `size` bytes.
std::optional<QByteArray> unsignedComponent(const QByteArray& integer, qsizetype size)
{
    if (integer.isEmpty() || (static_cast<unsigned char>(integer.at(0)) & 0x80))
        return std::nullopt; // empty or negative
    if (integer.size() > 1 && integer.at(0) == 0 &&
        !(static_cast<unsigned char>(integer.at(1)) & 0x80))
        return std::nullopt; // superfluous leading zero
    QByteArray magnitude = integer;
    if (magnitude.size() > 1 && magnitude.at(0) == 0)
        magnitude.remove(0, 1);
    if (magnitude.size() > size)
        return std::nullopt;
    return QByteArray(size - magnitude.size(), '\0') + magnitude;
}

} // namespace

QByteArray EcdsaSignature::rawToDer(const QByteArray& raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return {};
    const qsizetype half = raw.size() / 2;
    const QByteArray body = derInteger(raw.left(half)) + derInteger(raw.mid(half));
    QByteArray out;
    out.append(kSequence);
    appendLength(out, body.size());
    out.append(body);
    return out;
}

QByteArray EcdsaSignature::derToRaw(const QByteArray& der, qsizetype componentSize)
{
    if (componentSize <= 0)
        return {};
    DerReader outer(der);
    const auto sequence = outer.element(kSequence);
    if (!sequence || !outer.atEnd())
        return {};
    DerReader inner(*sequence);
    const auto r = inner.element(kInteger);
    const auto s = inner.element(kInteger);
    if (!r || !s || !inner.atEnd())
        return {};
    const auto rBytes = unsignedComponent(*r, componentSize);
    const auto sBytes = unsignedComponent(*s, componentSize);
    if (!rBytes || !sBytes)
        return {};
    return *rBytes + *sBytes;
}

} // namespace dcc::card
