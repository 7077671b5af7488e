#include "server/web/ErrorPage.h"

#include "server/web/HtmlPage.h"

namespace dcc::server {

std::string ErrorPage::forError(ErrorCode error, PageLanguage language)
{
    const bool english = language == PageLanguage::English;
    std::string title;
    std::string text;
    switch (error) {
    case ErrorCode::NotFound:
        title = english ? "Page not found" : "Page introuvable";
        text = english ? "This address does not lead to a page of DCC Login."
                       : "Cette adresse ne mène à aucune page de DCC Login.";
        break;
    case ErrorCode::MethodNotAllowed:
        title = english ? "Action not allowed" : "Action non autorisée";
        text = english ? "This page cannot be used this way."
                       : "Cette page ne peut pas être utilisée de cette façon.";
        break;
    case ErrorCode::ServiceUnavailable:
    case ErrorCode::MailUnavailable:
        title = english ? "Service unavailable" : "Service momentanément indisponible";
        text = english ? "Please try again in a few minutes."
                       : "Veuillez réessayer dans quelques minutes.";
        break;
    default:
        title = english ? "Something went wrong" : "Une erreur est survenue";
        text = english ? "Please try again. If it happens again, contact the RCP referent of "
                         "your organisation."
                       : "Veuillez réessayer. Si l'erreur persiste, contactez le référent RCP de "
                         "votre organisation de RCP ou 3C.";
        break;
    }
    return HtmlPage::render(language, title,
                            "<h1>" + HtmlPage::escape(title) + "</h1><p>" + HtmlPage::escape(text) +
                                "</p>");
}

} // namespace dcc::server
