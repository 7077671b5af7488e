#include "server/web/ResetFormEndpoint.h"

#include "common/ProtocolError.h"
#include "server/auth/PasswordReset.h"
#include "server/http/RequestBody.h"
#include "server/web/HtmlPage.h"
#include "server/web/ResetPage.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <sstream>

namespace dcc::server {

namespace {

/// Above what the form's own limits (10 fields, values of at most 1 KiB) let through.
constexpr std::size_t kMaxFormBytes = 16 * 1024;

} // namespace

void ResetFormEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response)
{
    const PageLanguage language = pageLanguageFrom(request.get("Accept-Language", ""));
    Poco::Net::HTMLForm form;
    form.setFieldLimit(10);
    form.setValueLengthLimit(1024); // tokens and passwords are far shorter
    // Read whole first: a form cut short by a stalled connection would be a form with a
    // field cut off.
    std::istringstream body(RequestBody::read(request, kMaxFormBytes));
    try {
        form.load(request, body);
    } catch (const Poco::Exception&) {
        throw ProtocolError(ErrorCode::InvalidRequest, "the form could not be read");
    }
    const std::string token = form.get("token", "");
    const std::string password = form.get("password", "");
    const auto account = m_reset.accountFor(token);
    if (!account) {
        HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_GONE,
                       ResetPage::expired(language, m_lifetimeMinutes));
        return;
    }
    auto again = [&](std::vector<std::string> unmet) {
        HtmlPage::send(
            response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
            ResetPage::form(language, m_reset.policy(), account->identifier, token, unmet),
            ResetPage::script());
    };
    try {
        std::vector<std::string> unmet;
        for (const PasswordRule rule : m_reset.policy().unmetRules(password, account->identifier))
            unmet.emplace_back(PasswordPolicy::ruleCode(rule));
        if (password != form.get("confirm", ""))
            unmet.emplace_back("confirm");
        if (!unmet.empty()) {
            again(std::move(unmet));
            return;
        }
        m_reset.reset(token, password, context().origin);
    } catch (const ProtocolError& e) {
        if (e.code() != ErrorCode::TokenExpired)
            throw;
        HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_GONE,
                       ResetPage::expired(language, m_lifetimeMinutes));
        return;
    }
    HtmlPage::send(response, Poco::Net::HTTPResponse::HTTP_OK, ResetPage::done(language));
}

} // namespace dcc::server
