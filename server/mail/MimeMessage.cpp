#include "server/mail/MimeMessage.h"

#include "common/EmailAddress.h"
#include "common/Utf8.h"
#include "server/mail/MailUnavailable.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Timestamp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace dcc::server {

namespace {

// RFC 2047 caps an encoded word at 75 characters. 39 bytes of text make 52 characters of
// base64, so a word is 64 characters and "Subject: " plus a word still fits in 78.
constexpr std::size_t kMaxBytesPerWord = 39;
// Plain ASCII header text longer than this is encoded too, so that the encoder's folding
// keeps every header line under 78 characters.
constexpr std::size_t kMaxPlainHeaderText = 66;
// What a header line may hold after its name ("From: " is the longest we write) within 78.
constexpr std::size_t kMaxLineAfterHeaderName = 72;

bool isPrintableAscii(std::string_view text)
{
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

// RFC 5322 atext plus the space: a display name made only of these needs no quotes.
bool isAtomOrSpace(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
           std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// A printable ASCII text that holds "=?" would be read back as an encoded word.
bool looksEncoded(std::string_view text)
{
    return text.find("=?") != std::string_view::npos;
}

std::string base64(std::string_view bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

// Whole characters per word: RFC 2047 forbids splitting a UTF-8 sequence across two words
// (Poco's MailMessage::encodeWord does split them, and some readers then show garbage).
std::string encodeWords(std::string_view text)
{
    std::string out;
    while (!text.empty()) {
        std::size_t end = std::min(text.size(), kMaxBytesPerWord);
        // Back off to the start of a character: continuation bytes are 10xxxxxx.
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80)
            --end;
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(0, end)) + "?=";
        text.remove_prefix(end);
    }
    return out;
}

// A header field's text must be UTF-8 without control characters: a CR or LF from a
// display name would otherwise add headers (or SMTP commands) of the caller's choosing.
void checkHeaderText(std::string_view text, std::string_view what)
{
    const auto decoded = Utf8::decode(text);
    if (!decoded)
        throw std::invalid_argument(std::string(what) + " is not UTF-8");
    for (const char32_t c : *decoded) {
        if (Utf8::isControl(c))
            throw std::invalid_argument(std::string(what) + " holds a control character");
    }
}

std::string checkedAddress(std::string_view address, std::string_view what)
{
    const auto parsed = EmailAddress::parse(address);
    if (!parsed) {
        throw std::invalid_argument(std::string(what) + " is not a mailbox address (" +
                                    std::string(EmailAddress::problemCode(parsed.error())) + ")");
    }
    return parsed->address();
}

// UTF-8 with CRLF line ends, ending with a line end: what SMTP carries and .eml readers
// expect. Lone CR or LF become CRLF; other control characters are refused.
std::string normalizedBody(std::string_view body)
{
    const auto decoded = Utf8::decode(body);
    if (!decoded)
        throw std::invalid_argument("mail body is not UTF-8");
    for (const char32_t c : *decoded) {
        if (Utf8::isControl(c) && c != U'\r' && c != U'\n' && c != U'\t')
            throw std::invalid_argument("mail body holds a control character");
    }
    std::string out;
    out.reserve(body.size() + body.size() / 32 + 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\r') {
            if (i + 1 < body.size() && body[i + 1] == '\n')
                ++i;
            out += "\r\n";
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)
        out += "\r\n";
    return out;
}

} // namespace

MimeMessage::MimeMessage(const OutgoingMail& mail, const MailIdentity& from)
    : m_senderAddress(checkedAddress(from.address, "sender address"))
    , m_recipientAddress(checkedAddress(mail.toAddress, "recipient address"))
{
    checkHeaderText(from.displayName, "sender name");
    checkHeaderText(mail.toName, "recipient name");
    checkHeaderText(mail.subject, "subject");
    const std::string body = normalizedBody(mail.textBody);

    const std::string domain = m_senderAddress.substr(m_senderAddress.rfind('@') + 1);
    m_messageId = "<" + randomHex(16) + "@" + domain + ">";

    Poco::Net::MailMessage message;
    message.setDate(Poco::Timestamp());
    message.set("Message-ID", m_messageId);
    message.setSender(formatMailbox(from.displayName, m_senderAddress));
    // The To header is written here rather than from MailMessage's recipient list: Poco
    // quotes the display name, and an encoded word inside quotes is never decoded.
    message.set("To", formatMailbox(mail.toName, m_recipientAddress));
    message.setSubject(encodeText(mail.subject));
    // Poco writes MIME-Version only for multipart messages.
    message.set("MIME-Version", "1.0");
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

    std::ostringstream out;
    message.write(out);
    m_text = out.str();
}

MimeMessage MimeMessage::forSending(const OutgoingMail& mail, const MailIdentity& from)
{
    try {
        return MimeMessage(mail, from);
    } catch (const std::invalid_argument& e) {
        throw MailUnavailable(std::string("the mail cannot be written: ") + e.what());
    }
}

void MimeMessage::checkSender(const MailIdentity& from)
{
    checkedAddress(from.address, "sender address");
    checkHeaderText(from.displayName, "sender name");
}

std::string MimeMessage::encodeText(std::string_view text)
{
    if (text.size() <= kMaxPlainHeaderText && isPrintableAscii(text) && !looksEncoded(text))
        return std::string(text);
    return encodeWords(text);
}

std::string MimeMessage::formatMailbox(std::string_view displayName, std::string_view address)
{
    if (displayName.empty())
        return std::string(address);
    std::string phrase;
    if (!isPrintableAscii(displayName) || looksEncoded(displayName) ||
        displayName.size() > kMaxPlainHeaderText) {
        phrase = encodeWords(displayName);
    } else if (std::all_of(displayName.begin(), displayName.end(), isAtomOrSpace)) {
        phrase = displayName;
    } else {
        phrase = "\"";
        for (const char c : displayName) {
            if (c == '"' || c == '\\')
                phrase += '\\';
            phrase += c;
        }
        phrase += "\"";
    }
    // Folds before the address when the line would pass 78 characters with "From: ".
    const std::size_t newline = phrase.rfind('\n');
    const std::size_t lastLine =
        newline == std::string::npos ? phrase.size() : phrase.size() - newline - 1;
    const char* separator =
        lastLine + address.size() + 3 > kMaxLineAfterHeaderName ? "\r\n <" : " <";
    return phrase + separator + std::string(address) + ">";
}

std::string MimeMessage::randomHex(std::size_t bytes)
{
    std::vector<unsigned char> random(bytes);
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        throw std::runtime_error("OpenSSL's random generator failed");
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes * 2);
    for (const unsigned char b : random) {
        hex += kDigits[b >> 4];
        hex += kDigits[b & 0x0f];
    }
    return hex;
}

} // namespace dcc::server
