#pragma once

#include "server/mail/MailIdentity.h"
#include "server/mail/OutgoingMail.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace dcc::server {

/// The wire text of one mail (RFC 5322 + MIME), built once and handed unchanged to SMTP or
/// written as the outbox's .eml, so that both transports send the same bytes:
/// `text/plain; charset=UTF-8`, quoted-printable, CRLF line ends, a Date and a Message-ID,
/// names and subject as RFC 2047 encoded words when they are not plain ASCII.
class MimeMessage
{
public:
    /// Throws std::invalid_argument when the mail cannot be written: an address that is
    /// not a mailbox address, a control character (a line break above all: header
    /// injection) in a name or the subject, text that is not UTF-8.
    MimeMessage(const OutgoingMail& mail, const MailIdentity& from);

    /// The constructor for transports: the same checks, failing with MailUnavailable
    /// ("the mail cannot be written: …") as Mailer::send() promises.
    static MimeMessage forSending(const OutgoingMail& mail, const MailIdentity& from);

    /// Throws std::invalid_argument when the sender cannot be written (the checks of the
    /// constructor), so that transports refuse a bad configuration at start-up.
    static void checkSender(const MailIdentity& from);

    /// Envelope addresses (SMTP MAIL FROM / RCPT TO).
    [[nodiscard]] const std::string& senderAddress() const noexcept { return m_senderAddress; }
    [[nodiscard]] const std::string& recipientAddress() const noexcept
    {
        return m_recipientAddress;
    }
    [[nodiscard]] const std::string& messageId() const noexcept { return m_messageId; }
    /// Headers, blank line, body; every line ends in CRLF.
    [[nodiscard]] const std::string& text() const noexcept { return m_text; }

    /// Header free text (the subject): kept as it is when it is short printable ASCII,
    /// otherwise RFC 2047 "B" encoded words of whole UTF-8 characters, folded.
    static std::string encodeText(std::string_view text);
    /// A header mailbox: `Jean DUPONT <jean.dupont@hopital.fr>`, the name quoted when it
    /// holds specials, encoded when it is not ASCII; the bare address when it is empty.
    static std::string formatMailbox(std::string_view displayName, std::string_view address);
    /// `bytes` bytes from OpenSSL's CSPRNG, lower-case hex.
    static std::string randomHex(std::size_t bytes);

private:
    std::string m_senderAddress;
    std::string m_recipientAddress;
    std::string m_messageId;
    std::string m_text;
};

} // namespace dcc::server
