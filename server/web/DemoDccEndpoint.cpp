#include "server/web/DemoDccEndpoint.h"

#include "server/auth/SessionManager.h"
#include "server/http/SessionCookie.h"
#include "server/web/HtmlPage.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/LocalDateTime.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Timestamp.h>

namespace dcc::server {

namespace {

std::string localTime(std::int64_t epochSeconds)
{
    const Poco::LocalDateTime local(
        Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)));
    return Poco::DateTimeFormatter::format(local, "%d/%m/%Y %H:%M");
}

std::string methodText(const std::string& method, bool english)
{
    if (method == "cps")
        return english ? "password + CPS card" : "mot de passe + carte CPS";
    return english ? "password + code received by e-mail" : "mot de passe + code reçu par e-mail";
}

} // namespace

void DemoDccEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response)
{
    const PageLanguage language = pageLanguageFrom(request.get("Accept-Language", ""));
    const bool english = language == PageLanguage::English;
    const auto session = m_sessions.current(SessionCookie(m_secure).read(request));
    if (!session) {
        const std::string title = english ? "You are not logged in" : "Vous n'êtes pas connecté";
        const std::string text = english
                                     ? "Open the DCC Login application to log in to the DCC."
                                     : "Ouvrez l'application DCC Login pour vous connecter au DCC.";
        HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED,
                       HtmlPage::render(language, title,
                                        "<h1 id=\"not-logged-in\">" + HtmlPage::escape(title) +
                                            "</h1><p>" + HtmlPage::escape(text) + "</p>"));
        return;
    }
    const Account& account = session->account;
    const std::string title = english ? "DCC — demonstration page" : "DCC — page de démonstration";
    std::string body = "<h1>" +
                       HtmlPage::escape(english ? "You are logged in" : "Vous êtes connecté") +
                       "</h1><dl>";
    auto row = [&body](const std::string& id, const std::string& term, const std::string& value) {
        body += "<dt>" + HtmlPage::escape(term) + "</dt><dd id=\"" + id + "\">" +
                HtmlPage::escape(value) + "</dd>";
    };
    row("user-name", english ? "Name" : "Nom", account.displayName);
    row("user-identifier", english ? "Identifier" : "Identifiant", account.identifier);
    if (account.nationalId)
        row("user-national-id", english ? "National identifier" : "Identifiant national",
            *account.nationalId);
    row("login-method", english ? "Login" : "Connexion",
        methodText(session->record.method, english));
    row("login-time", english ? "Since" : "Depuis", localTime(session->record.createdAt));
    body += "</dl><form method=\"post\" action=\"/api/v1/logout\"><button id=\"logout\" "
            "type=\"submit\">" +
            HtmlPage::escape(english ? "Log out" : "Se déconnecter") +
            "</button></form><p class=\"muted\">" +
            HtmlPage::escape(english ? "This page stands in for the DCC portal."
                                     : "Cette page tient lieu de portail DCC.") +
            "</p>";
    HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_OK,
                   HtmlPage::render(language, title, body));
}

} // namespace dcc::server
