#pragma once

#include <string>

namespace dcc::server {

/// One mail to one person, as the login flows write it: plain UTF-8 text, no HTML. The
/// transports (Mailer) add the sender, the date and the MIME framing.
struct OutgoingMail
{
    std::string toAddress; ///< a mailbox address as accounts carry it (EmailAddress)
    std::string toName;    ///< display name, e.g. "Jean DUPONT"; may be empty
    std::string subject;
    std::string textBody; ///< line ends may be LF or CRLF; sent as CRLF
};

} // namespace dcc::server
