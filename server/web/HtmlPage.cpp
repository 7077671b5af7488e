#include "server/web/HtmlPage.h"

#include "server/http/HttpResponses.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <sstream>

namespace dcc::server {

namespace {

constexpr std::string_view kStyle =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "background:#f4f6f8;color:#1d2733}"
    "header{background:#00529c;color:#fff;padding:14px 24px;font-weight:600}"
    "main{max-width:640px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 32px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}"
    "h1{font-size:1.4em;margin-top:0}dl{display:grid;grid-template-columns:max-content auto;"
    "gap:6px 16px}dt{font-weight:600}button{background:#00529c;color:#fff;border:0;"
    "border-radius:4px;padding:8px 16px;font-size:1em;cursor:pointer}"
    ".muted{color:#5b6773}"
    "label{display:block;margin-top:12px;font-weight:600}"
    "input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1em;"
    "margin-top:4px}form button{margin-top:16px}"
    "#rules,#errors{padding-left:0;list-style:none}#rules li::before{content:'\\2022  '}"
    "#rules li.met{color:#1b7a36}#rules li.met::before{content:'\\2713  '}"
    "#rules li.unmet::before{content:'\\2717  '}#errors li{color:#b00020}";

std::string sha256Base64(std::string_view text)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text.data(), static_cast<unsigned>(text.size()));
    const Poco::DigestEngine::Digest& digest = sha.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.write(reinterpret_cast<const char*>(digest.data()),
                  static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

} // namespace

std::string HtmlPage::escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

std::string HtmlPage::contentSecurityPolicy()
{
    static const std::string policy = "default-src 'none'; style-src 'sha256-" +
                                      sha256Base64(kStyle) +
                                      "'; form-action 'self'; base-uri 'none'; "
                                      "frame-ancestors 'none'";
    return policy;
}

std::string HtmlPage::contentSecurityPolicy(std::string_view inlineScript)
{
    return contentSecurityPolicy() + "; script-src 'sha256-" + sha256Base64(inlineScript) + "'";
}

std::string HtmlPage::render(PageLanguage language, const std::string& title,
                             const std::string& bodyHtml)
{
    const std::string lang = language == PageLanguage::English ? "en" : "fr";
    return "<!DOCTYPE html>\n<html lang=\"" + lang +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>" +
           escape(title) + "</title><style>" + std::string(kStyle) +
           "</style></head><body><header>DCC Login</header><main>" + bodyHtml +
           "</main></body></html>\n";
}

void HtmlPage::send(Poco::Net::HTTPServerResponse& response,
                    Poco::Net::HTTPResponse::HTTPStatus status, const std::string& page,
                    std::string_view inlineScript)
{
    response.set("Content-Security-Policy", inlineScript.empty()
                                                ? contentSecurityPolicy()
                                                : contentSecurityPolicy(inlineScript));
    HttpResponses::html(response, status, page);
}

} // namespace dcc::server
