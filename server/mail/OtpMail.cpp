#include "server/mail/OtpMail.h"

#include "common/Utf8.h"
#include "server/mail/BuiltInMailTexts.h"

#include <stdexcept>

namespace dcc::server {

const std::set<std::string>& OtpMail::allowedPlaceholders()
{
    static const std::set<std::string> names{"name", "code", "minutes", "portal"};
    return names;
}

MailTemplate OtpMail::defaultTemplate(std::string subject)
{
    return MailTemplate::fromText(std::move(subject), std::string(kOtpMailText),
                                  allowedPlaceholders());
}

OtpMail::OtpMail(MailTemplate mailTemplate, std::string portalName)
    : m_template(std::move(mailTemplate))
    , m_portalName(std::move(portalName))
{
    if (!m_template.placeholders().contains("code"))
        throw std::invalid_argument("the OTP mail template does not use {{code}}");
    if (m_portalName.empty())
        throw std::invalid_argument("the portal name that signs the OTP mail is empty");
}

OutgoingMail OtpMail::compose(const std::string& toAddress, const std::string& displayName,
                              const std::string& code, std::chrono::minutes validity) const
{
    const std::string name =
        Utf8::trim(displayName).empty() ? std::string(kAnonymousName) : displayName;
    return m_template.render({{"name", name},
                              {"code", code},
                              {"minutes", std::to_string(validity.count())},
                              {"portal", m_portalName}},
                             toAddress, displayName);
}

} // namespace dcc::server
