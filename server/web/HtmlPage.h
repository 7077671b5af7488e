#pragma once

#include "server/web/PageLanguage.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>
#include <string_view>

namespace dcc::server {

/// The layout of the server's own pages (demo DCC, ticket errors, later password reset):
/// one style sheet allowed by its hash, no script unless a page brings its own hash, no
/// external resource.
class HtmlPage
{
public:
    /// Text for HTML element content and attribute values.
    static std::string escape(const std::string& text);
    /// A complete document; `bodyHtml` is already escaped by the caller.
    static std::string render(PageLanguage language, const std::string& title,
                              const std::string& bodyHtml);
    /// Sends the page with its Content-Security-Policy; a page with an inline script
    /// passes that script, which the policy then allows by its hash (and nothing else).
    static void send(Poco::Net::HTTPServerResponse& response,
                     Poco::Net::HTTPResponse::HTTPStatus status, const std::string& page,
                     std::string_view inlineScript = {});
    static std::string contentSecurityPolicy();
    static std::string contentSecurityPolicy(std::string_view inlineScript);
};

} // namespace dcc::server
