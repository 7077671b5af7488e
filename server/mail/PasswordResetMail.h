#pragma once

#include "server/mail/MailTemplate.h"
#include "server/mail/OutgoingMail.h"

#include <chrono>
#include <set>
#include <string>
#include <string_view>

namespace dcc::server {

/// The mail with the password-reset link (the guide's section 5). Placeholders: {{name}},
/// {{link}}, {{minutes}} (how long the link works) and {{portal}}. Built-in French text:
/// resources/mail/password-reset.fr.txt.
class PasswordResetMail
{
public:
    static constexpr std::string_view kDefaultSubject = "Réinitialisation de votre mot de passe";

    static const std::set<std::string>& allowedPlaceholders();
    static MailTemplate defaultTemplate(std::string subject = std::string(kDefaultSubject));

    /// Throws std::invalid_argument when the template does not use {{link}}.
    PasswordResetMail(MailTemplate mailTemplate, std::string portalName);

    [[nodiscard]] OutgoingMail compose(const std::string& toAddress, const std::string& displayName,
                                       const std::string& link,
                                       std::chrono::minutes validity) const;

private:
    MailTemplate m_template;
    std::string m_portalName;
};

} // namespace dcc::server
