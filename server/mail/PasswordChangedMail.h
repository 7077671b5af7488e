#pragma once

#include "server/mail/MailTemplate.h"
#include "server/mail/OutgoingMail.h"

#include <set>
#include <string>
#include <string_view>

namespace dcc::server {

/// The notice sent after a password change, so that a change the owner did not make is
/// noticed. Placeholders: {{name}}, {{when}} (date and time of the change) and {{portal}}.
/// Built-in French text: resources/mail/password-changed.fr.txt.
class PasswordChangedMail
{
public:
    static constexpr std::string_view kDefaultSubject = "Votre mot de passe a été modifié";

    static const std::set<std::string>& allowedPlaceholders();
    static MailTemplate defaultTemplate(std::string subject = std::string(kDefaultSubject));

    PasswordChangedMail(MailTemplate mailTemplate, std::string portalName);

    [[nodiscard]] OutgoingMail compose(const std::string& toAddress, const std::string& displayName,
                                       const std::string& when) const;

private:
    MailTemplate m_template;
    std::string m_portalName;
};

} // namespace dcc::server
