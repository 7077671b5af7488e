#pragma once

#include "server/mail/OutgoingMail.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dcc::server {

/// A subject and a plain-text body with `{{name}}` placeholders (OTP code, password reset
/// link, password-changed notice…).
///
/// Templates are checked when they are loaded, so that a mistyped placeholder in a
/// configured template stops the server at start-up instead of mailing "{{cdoe}}" to
/// users: an unknown name, an unterminated `{{` or an empty `{{}}` throws
/// std::invalid_argument naming it. A placeholder name is letters, digits and `_`, with no
/// spaces; single braces are plain text. Values are inserted as they are, in one pass: a
/// value that contains `{{x}}` stays literally so. Text only, so nothing is escaped.
class MailTemplate
{
public:
    static MailTemplate fromText(std::string subject, std::string body,
                                 std::set<std::string> allowedPlaceholders);
    /// The body from a UTF-8 file (a leading BOM is dropped); throws std::runtime_error
    /// naming the file when it cannot be read.
    static MailTemplate fromFile(const std::filesystem::path& bodyFile, std::string subject,
                                 std::set<std::string> allowedPlaceholders);

    /// Throws std::invalid_argument naming the first placeholder without a value.
    [[nodiscard]] OutgoingMail render(const std::map<std::string, std::string>& values,
                                      std::string toAddress, std::string toName) const;

    /// The placeholders the subject and body use (a subset of the allowed ones).
    [[nodiscard]] const std::set<std::string>& placeholders() const noexcept { return m_used; }

private:
    struct Piece
    {
        std::string text;
        bool isPlaceholder = false;
    };
    using Pieces = std::vector<Piece>;

    MailTemplate(Pieces subject, Pieces body, std::set<std::string> used);
    static Pieces parse(const std::string& text, std::string_view where,
                        const std::set<std::string>& allowed, std::set<std::string>& used);
    static std::string expand(const Pieces& pieces,
                              const std::map<std::string, std::string>& values);

    Pieces m_subject;
    Pieces m_body;
    std::set<std::string> m_used;
};

} // namespace dcc::server
