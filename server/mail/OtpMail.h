#pragma once

#include "common/Protocol.h"
#include "server/mail/MailTemplate.h"
#include "server/mail/OutgoingMail.h"

#include <chrono>
#include <set>
#include <string>
#include <string_view>

namespace dcc::server {

/// The mail that carries the one-time login code. Placeholders: {{name}} (the user's
/// display name), {{code}}, {{minutes}} (how long the code lives) and {{portal}} (the
/// short name the mail is signed with, e.g. "DCC ONCO HDF").
///
/// The built-in French text is resources/mail/otp-code.fr.txt, compiled in; a configured
/// template may replace it. The built-in text carries no link on purpose: a code mail that
/// never asks for a click is harder to imitate.
class OtpMail
{
public:
    static constexpr std::string_view kDefaultSubject = "Votre code de connexion au DCC";
    /// What a blank display name is replaced with in the greeting.
    static constexpr std::string_view kAnonymousName = "Madame, Monsieur";
    static constexpr auto kDefaultValidity =
        std::chrono::duration_cast<std::chrono::minutes>(protocol::kOtpLifetime);

    static const std::set<std::string>& allowedPlaceholders();
    /// The built-in text, with a configured subject or the default one.
    static MailTemplate defaultTemplate(std::string subject = std::string(kDefaultSubject));

    /// Throws std::invalid_argument when the template does not use {{code}}, or when the
    /// portal name is empty.
    OtpMail(MailTemplate mailTemplate, std::string portalName);

    [[nodiscard]] OutgoingMail compose(const std::string& toAddress, const std::string& displayName,
                                       const std::string& code,
                                       std::chrono::minutes validity = kDefaultValidity) const;

private:
    MailTemplate m_template;
    std::string m_portalName;
};

} // namespace dcc::server
