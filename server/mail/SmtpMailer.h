#pragma once

#include "server/mail/MailIdentity.h"
#include "server/mail/Mailer.h"
#include "server/mail/SmtpSettings.h"

#include <Poco/AutoPtr.h>

// Not included: Poco 1.11's NetSSL headers need OpenSSL 1.1 declarations that the
// project's OPENSSL_API_COMPAT=30000 hides (see CMakeLists.txt), and the server's other
// files have no use for them.
namespace Poco::Net {
class Context;
} // namespace Poco::Net

namespace dcc::server {

class MimeMessage;

/// Sends through an SMTP server with Poco, one session per mail (a mail is rare enough that
/// a pool would only add stale connections to handle), so send() is thread-safe.
///
/// * StartTls: the server must offer STARTTLS, or the mail is not sent: never a fall-back
///   to clear text. ImplicitTls: TLS from the first byte (port 465).
/// * The server's certificate is verified against the system's CAs plus caFile, and its
///   name against the configured host (OpenSSL's RFC 6125 check, an IP literal against an
///   IP address entry); TLS 1.2 at least.
/// * With a user, AUTH PLAIN when the server offers it, else AUTH LOGIN (both are the
///   password in base64, which is why credentials are refused without TLS).
/// * Every connect, reply and write is bounded by the timeout; any failure is thrown as
///   MailUnavailable naming the cause.
class SmtpMailer final : public Mailer
{
public:
    /// Throws std::invalid_argument for settings that cannot work: credentials without TLS,
    /// a CA file that cannot be loaded, a sender that is not a mailbox address, a zero or
    /// negative timeout.
    SmtpMailer(SmtpSettings settings, MailIdentity from);
    ~SmtpMailer() override;
    SmtpMailer(const SmtpMailer&) = delete;
    SmtpMailer& operator=(const SmtpMailer&) = delete;

    void send(const OutgoingMail& mail) override;

private:
    void deliver(const MimeMessage& message) const;

    SmtpSettings m_settings;
    MailIdentity m_from;
    Poco::AutoPtr<Poco::Net::Context> m_tlsContext; ///< null with Security::None
};

} // namespace dcc::server
