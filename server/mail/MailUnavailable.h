#pragma once

#include <stdexcept>
#include <string>

namespace dcc::server {

/// The mail could not be handed over: SMTP server unreachable, silent past the timeout,
/// refusing (an SMTP error reply), TLS or authentication failure, outbox not writable.
/// The API answers 503 `mail_unavailable` and must not keep a half-made flow.
///
/// what() names the cause in English for the server log. It never holds the mail's body,
/// which carries codes and links; it may hold the SMTP server's reply and the recipient's
/// address.
class MailUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace dcc::server
