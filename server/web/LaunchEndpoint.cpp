#include "server/web/LaunchEndpoint.h"

#include "common/Protocol.h"
#include "server/auth/DccAssertion.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/SessionManager.h"
#include "server/http/HttpResponses.h"
#include "server/http/SessionCookie.h"
#include "server/web/HtmlPage.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

namespace dcc::server {

namespace {

std::string ticketFrom(const Poco::Net::HTTPServerRequest& request)
{
    try {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
            if (name == "ticket")
                return value;
        }
    } catch (const Poco::Exception&) {
    }
    return {};
}

std::string expiredPage(PageLanguage language)
{
    const bool english = language == PageLanguage::English;
    const std::string title = english ? "This login link can no longer be used"
                                      : "Ce lien de connexion n'est plus valable";
    const std::string text =
        english ? "A login link works once, within a minute. Log in again from the DCC Login "
                  "application: it will open the DCC for you."
                : "Un lien de connexion ne sert qu'une fois, dans la minute qui suit la "
                  "connexion. Reconnectez-vous depuis l'application DCC Login : elle ouvrira le "
                  "DCC pour vous.";
    return HtmlPage::render(language, title,
                            "<h1>" + HtmlPage::escape(title) + "</h1><p>" + HtmlPage::escape(text) +
                                "</p>");
}

} // namespace

void LaunchEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response)
{
    const std::optional<SessionManager::Opened> opened =
        m_sessions.openWithTicket(m_tickets, ticketFrom(request), context().origin);
    if (!opened) {
        HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_GONE,
                       expiredPage(pageLanguageFrom(request.get("Accept-Language", ""))));
        return;
    }
    SessionCookie(m_secure).set(response, opened->token, m_sessionMaxAge);
    if (m_assertion) {
        HttpResponses::redirect(
            response, m_assertion->redirectUrl(m_assertion->issue(opened->session.account,
                                                                  opened->session.record.method)));
        return;
    }
    HttpResponses::redirect(response, std::string(protocol::path::kDemoDcc));
}

} // namespace dcc::server
