#include "server/web/ResetPage.h"

#include "server/web/HtmlPage.h"

namespace dcc::server {

namespace {

// Ticks the rules as the user types. The server checks them again: this is a help, not
// the rule. Thresholds come from the list's data attributes, written by the server.
constexpr std::string_view kScript = R"js((function () {
  'use strict';
  var password = document.getElementById('password');
  var rules = document.getElementById('rules');
  var limits = rules.dataset;
  var special = /[!-\/:-@\[-`{-~\u00a1-\u00bf\u00d7\u00f7\u2010-\u205e\u20a0-\u20cf]/gu;
  function count(pattern, text) {
    var found = text.match(pattern);
    return found ? found.length : 0;
  }
  function check(text) {
    var length = Array.from(text).length;
    return {
      min_length: length >= Number(limits.minLength),
      max_length: length <= Number(limits.maxLength),
      uppercase: count(/\p{Lu}/gu, text) >= Number(limits.minUppercase),
      lowercase: count(/\p{Ll}/gu, text) >= Number(limits.minLowercase),
      digit_or_special: count(/[0-9]/g, text) + count(special, text) >= Number(limits.minDigitOrSpecial)
    };
  }
  function update() {
    var result = check(password.value);
    rules.querySelectorAll('li[data-rule]').forEach(function (item) {
      if (item.dataset.rule in result) {
        item.className = result[item.dataset.rule] ? 'met' : 'unmet';
      }
    });
  }
  password.addEventListener('input', update);
  update();
}());)js";

struct RuleText
{
    const char* code;
    std::string french;
    std::string english;
};

std::vector<RuleText> ruleTexts(const PasswordPolicy::Thresholds& t)
{
    const std::string specials(PasswordPolicy::guideSpecialCharacters());
    return {
        {"min_length", "Au moins " + std::to_string(t.minLength) + " caractères",
         "At least " + std::to_string(t.minLength) + " characters"},
        {"uppercase", "Au moins " + std::to_string(t.minUppercase) + " lettre majuscule",
         "At least " + std::to_string(t.minUppercase) + " upper-case letter"},
        {"lowercase", "Au moins " + std::to_string(t.minLowercase) + " lettre minuscule",
         "At least " + std::to_string(t.minLowercase) + " lower-case letter"},
        {"digit_or_special",
         "Au moins " + std::to_string(t.minDigitOrSpecial) +
             " chiffre ou 1 caractère spécial (ex. " + specials + ")",
         "At least " + std::to_string(t.minDigitOrSpecial) + " digit or special character (e.g. " +
             specials + ")"},
        {"max_length", "Au plus " + std::to_string(t.maxLength) + " caractères",
         "At most " + std::to_string(t.maxLength) + " characters"},
        {"not_identifier", "Différent de votre identifiant", "Not your identifier"},
        {"valid_text", "Sans caractère de contrôle", "No control characters"},
        {"confirm", "Les deux saisies du mot de passe sont identiques",
         "Both entries of the password are the same"},
    };
}

const RuleText* findRule(const std::vector<RuleText>& texts, const std::string& code)
{
    for (const RuleText& text : texts) {
        if (code == text.code)
            return &text;
    }
    return nullptr;
}

std::string page(PageLanguage language, const std::string& title, const std::string& id,
                 const std::string& text)
{
    return HtmlPage::render(language, title,
                            "<h1 id=\"" + id + "\">" + HtmlPage::escape(title) + "</h1><p>" +
                                HtmlPage::escape(text) + "</p>");
}

} // namespace

std::string_view ResetPage::script()
{
    return kScript;
}

std::string ResetPage::form(PageLanguage language, const PasswordPolicy& policy,
                            const std::string& identifier, const std::string& token,
                            const std::vector<std::string>& unmet)
{
    const bool english = language == PageLanguage::English;
    const auto& t = policy.thresholds();
    const std::vector<RuleText> texts = ruleTexts(t);
    auto say = [english](const RuleText& rule) {
        return english ? rule.english : rule.french;
    };
    const std::string title = english ? "Choose a new password" : "Choisir un nouveau mot de passe";

    std::string body = "<h1>" + HtmlPage::escape(title) + "</h1><p>" +
                       HtmlPage::escape(english ? "Identifier: " : "Identifiant : ") + "<strong>" +
                       HtmlPage::escape(identifier) + "</strong></p>";
    if (!unmet.empty()) {
        body += "<p>" +
                HtmlPage::escape(english ? "The password was not changed:"
                                         : "Le mot de passe n'a pas été modifié :") +
                "</p><ul id=\"errors\">";
        for (const std::string& code : unmet) {
            if (const RuleText* rule = findRule(texts, code))
                body += "<li data-rule=\"" + code + "\">" + HtmlPage::escape(say(*rule)) + "</li>";
        }
        body += "</ul>";
    }
    body += "<p>" +
            HtmlPage::escape(english ? "Password rules:" : "Règles de création du mot de passe :") +
            "</p><ul id=\"rules\" data-min-length=\"" + std::to_string(t.minLength) +
            "\" data-max-length=\"" + std::to_string(t.maxLength) + "\" data-min-uppercase=\"" +
            std::to_string(t.minUppercase) + "\" data-min-lowercase=\"" +
            std::to_string(t.minLowercase) + "\" data-min-digit-or-special=\"" +
            std::to_string(t.minDigitOrSpecial) + "\">";
    for (const char* code :
         {"min_length", "uppercase", "lowercase", "digit_or_special", "max_length"})
        body += "<li data-rule=\"" + std::string(code) + "\" class=\"unmet\">" +
                HtmlPage::escape(say(*findRule(texts, code))) + "</li>";
    body += "</ul><form id=\"reset-form\" method=\"post\" action=\"/reset\">"
            "<input type=\"hidden\" name=\"token\" value=\"" +
            HtmlPage::escape(token) + "\"><label for=\"password\">" +
            HtmlPage::escape(english ? "New password" : "Nouveau mot de passe") +
            "</label><input id=\"password\" name=\"password\" type=\"password\" "
            "autocomplete=\"new-password\" required><label for=\"confirm\">" +
            HtmlPage::escape(english ? "Confirm the password" : "Confirmez le mot de passe") +
            "</label><input id=\"confirm\" name=\"confirm\" type=\"password\" "
            "autocomplete=\"new-password\" required><button id=\"submit\" type=\"submit\">" +
            HtmlPage::escape(english ? "Save the password" : "Enregistrer le mot de passe") +
            "</button></form><script>" + std::string(kScript) + "</script>";
    return HtmlPage::render(language, title, body);
}

std::string ResetPage::done(PageLanguage language)
{
    const bool english = language == PageLanguage::English;
    return page(language,
                english ? "Your password was changed" : "Votre mot de passe a été modifié",
                "reset-done",
                english ? "You can log in as usual from DCC Login with your new password."
                        : "Vous pouvez vous connecter normalement depuis DCC Login avec votre "
                          "nouveau mot de passe.");
}

std::string ResetPage::expired(PageLanguage language, int lifetimeMinutes)
{
    const bool english = language == PageLanguage::English;
    return page(language,
                english ? "This reset link can no longer be used"
                        : "Ce lien de réinitialisation n'est plus valable",
                "reset-expired",
                english ? "A reset link works once, for " + std::to_string(lifetimeMinutes) +
                              " minutes. Ask for a new one with \"Forgot your password?\" in DCC "
                              "Login."
                        : "Un lien de réinitialisation ne sert qu'une fois, pendant " +
                              std::to_string(lifetimeMinutes) +
                              " minutes. Demandez-en un nouveau avec « Mot de passe oublié ? » "
                              "dans DCC Login.");
}

} // namespace dcc::server
