#include "server/mail/PasswordResetMail.h"

#include "common/Utf8.h"
#include "server/mail/BuiltInMailTexts.h"
#include "server/mail/OtpMail.h"

#include <stdexcept>

namespace dcc::server {

const std::set<std::string>& PasswordResetMail::allowedPlaceholders()
{
    static const std::set<std::string> names{"name", "link", "minutes", "portal"};
    return names;
}

MailTemplate PasswordResetMail::defaultTemplate(std::string subject)
{
    return MailTemplate::fromText(std::move(subject), std::string(kPasswordResetMailText),
                                  allowedPlaceholders());
}

PasswordResetMail::PasswordResetMail(MailTemplate mailTemplate, std::string portalName)
    : m_template(std::move(mailTemplate))
    , m_portalName(std::move(portalName))
{
    if (!m_template.placeholders().contains("link"))
        throw std::invalid_argument("the password reset mail template does not use {{link}}");
}

OutgoingMail PasswordResetMail::compose(const std::string& toAddress,
                                        const std::string& displayName, const std::string& link,
                                        std::chrono::minutes validity) const
{
    const std::string name =
        Utf8::trim(displayName).empty() ? std::string(OtpMail::kAnonymousName) : displayName;
    return m_template.render({{"name", name},
                              {"link", link},
                              {"minutes", std::to_string(validity.count())},
                              {"portal", m_portalName}},
                             toAddress, displayName);
}

} // namespace dcc::server
