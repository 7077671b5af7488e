#include "server/web/ResetPageEndpoint.h"

#include "server/auth/PasswordReset.h"
#include "server/web/HtmlPage.h"
#include "server/web/ResetPage.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

namespace dcc::server {

void ResetPageEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
    const PageLanguage language = pageLanguageFrom(request.get("Accept-Language", ""));
    std::string token;
    try {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
            if (name == "token")
                token = value;
        }
    } catch (const Poco::Exception&) {
        token.clear();
    }
    const auto account = m_reset.accountFor(token);
    if (!account) {
        HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_GONE,
                       ResetPage::expired(language, m_lifetimeMinutes));
        return;
    }
    HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_OK,
                   ResetPage::form(language, m_reset.policy(), account->identifier, token),
                   ResetPage::script());
}

} // namespace dcc::server
