#pragma once

#include "server/mail/MailIdentity.h"
#include "server/mail/Mailer.h"

#include <filesystem>

namespace dcc::server {

/// The embedded default transport (`mail.transport = file`): each mail becomes
/// `<outbox>/<UTC yyyymmddThhmmssZ>-<16 random hex>.eml`, the same bytes SmtpMailer would
/// send, for a demo, a test, or a mail system that picks files up.
///
/// The outbox is made (mode 0700: the mails hold login codes) when it is missing, at each
/// send, so that deleting it while the server runs does no harm. A mail is written under a
/// hidden temporary name in the outbox, then renamed: a reader of `*.eml` never sees half
/// a mail. Thread-safe: each send writes its own file.
class FileMailer final : public Mailer
{
public:
    /// Throws std::invalid_argument when the sender address is not a mailbox address.
    FileMailer(std::filesystem::path outbox, MailIdentity from);

    void send(const OutgoingMail& mail) override;

    [[nodiscard]] const std::filesystem::path& outbox() const noexcept { return m_outbox; }

private:
    std::filesystem::path m_outbox;
    MailIdentity m_from;
};

} // namespace dcc::server
