#include "server/mail/PasswordChangedMail.h"

#include "common/Utf8.h"
#include "server/mail/BuiltInMailTexts.h"
#include "server/mail/OtpMail.h"

namespace dcc::server {

const std::set<std::string>& PasswordChangedMail::allowedPlaceholders()
{
    static const std::set<std::string> names{"name", "when", "portal"};
    return names;
}

MailTemplate PasswordChangedMail::defaultTemplate(std::string subject)
{
    return MailTemplate::fromText(std::move(subject), std::string(kPasswordChangedMailText),
                                  allowedPlaceholders());
}

PasswordChangedMail::PasswordChangedMail(MailTemplate mailTemplate, std::string portalName)
    : m_template(std::move(mailTemplate))
    , m_portalName(std::move(portalName))
{}

OutgoingMail PasswordChangedMail::compose(const std::string& toAddress,
                                          const std::string& displayName,
                                          const std::string& when) const
{
    const std::string name =
        Utf8::trim(displayName).empty() ? std::string(OtpMail::kAnonymousName) : displayName;
    return m_template.render({{"name", name}, {"when", when}, {"portal", m_portalName}}, toAddress,
                             displayName);
}

} // namespace dcc::server
