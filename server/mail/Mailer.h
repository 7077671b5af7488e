#pragma once

#include "server/mail/OutgoingMail.h"

namespace dcc::server {

/// Hands a mail over for delivery (SmtpMailer, FileMailer).
///
/// send() is called from several HTTP worker threads at once: implementations are
/// thread-safe. It returns once the mail is accepted (the SMTP server answered 250 to the
/// data, or the file is in the outbox) and throws MailUnavailable for every failure, so that
/// a caller has one thing to undo and one answer to give (503 `mail_unavailable`). That
/// includes a mail that cannot be written at all (a recipient that is not a mailbox
/// address, a line break in the subject or the name, text that is not UTF-8): it is refused
/// before anything is sent, and the message says so.
class Mailer
{
public:
    virtual ~Mailer() = default;
    virtual void send(const OutgoingMail& mail) = 0;
};

} // namespace dcc::server
