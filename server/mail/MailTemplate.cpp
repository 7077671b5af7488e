#include "server/mail/MailTemplate.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace dcc::server {

namespace {

bool isNameCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

MailTemplate::MailTemplate(Pieces subject, Pieces body, std::set<std::string> used)
    : m_subject(std::move(subject))
    , m_body(std::move(body))
    , m_used(std::move(used))
{}

MailTemplate MailTemplate::fromText(std::string subject, std::string body,
                                    std::set<std::string> allowedPlaceholders)
{
    std::set<std::string> used;
    Pieces subjectPieces = parse(subject, "subject", allowedPlaceholders, used);
    Pieces bodyPieces = parse(body, "body", allowedPlaceholders, used);
    return MailTemplate(std::move(subjectPieces), std::move(bodyPieces), std::move(used));
}

MailTemplate MailTemplate::fromFile(const std::filesystem::path& bodyFile, std::string subject,
                                    std::set<std::string> allowedPlaceholders)
{
    std::ifstream in(bodyFile, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open mail template " + bodyFile.string());
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::runtime_error("cannot read mail template " + bodyFile.string());
    if (body.starts_with("\xEF\xBB\xBF"))
        body.erase(0, 3);
    try {
        return fromText(std::move(subject), std::move(body), std::move(allowedPlaceholders));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(bodyFile.string() + ": " + e.what());
    }
}

MailTemplate::Pieces MailTemplate::parse(const std::string& text, std::string_view where,
                                         const std::set<std::string>& allowed,
                                         std::set<std::string>& used)
{
    Pieces pieces;
    std::size_t position = 0;
    while (position < text.size()) {
        const std::size_t open = text.find("{{", position);
        if (open == std::string::npos) {
            pieces.push_back({text.substr(position), false});
            break;
        }
        if (open > position)
            pieces.push_back({text.substr(position, open - position), false});
        std::size_t end = open + 2;
        while (end < text.size() && isNameCharacter(text[end]))
            ++end;
        const std::string name = text.substr(open + 2, end - open - 2);
        if (text.compare(end, 2, "}}") != 0) {
            // Show what follows the braces (a short excerpt) so the faulty spot is found.
            throw std::invalid_argument(
                "mail template " + std::string(where) +
                ": unterminated or malformed placeholder \"" +
                text.substr(open, std::min<std::size_t>(20, text.size() - open)) + "\"");
        }
        if (name.empty())
            throw std::invalid_argument("mail template " + std::string(where) +
                                        ": empty placeholder {{}}");
        if (!allowed.contains(name))
            throw std::invalid_argument("mail template " + std::string(where) +
                                        ": unknown placeholder {{" + name + "}}");
        used.insert(name);
        pieces.push_back({name, true});
        position = end + 2;
    }
    return pieces;
}

std::string MailTemplate::expand(const Pieces& pieces,
                                 const std::map<std::string, std::string>& values)
{
    std::string out;
    for (const Piece& piece : pieces) {
        if (!piece.isPlaceholder) {
            out += piece.text;
            continue;
        }
        const auto value = values.find(piece.text);
        if (value == values.end())
            throw std::invalid_argument("no value for mail placeholder {{" + piece.text + "}}");
        out += value->second;
    }
    return out;
}

OutgoingMail MailTemplate::render(const std::map<std::string, std::string>& values,
                                  std::string toAddress, std::string toName) const
{
    OutgoingMail mail;
    mail.toAddress = std::move(toAddress);
    mail.toName = std::move(toName);
    mail.subject = expand(m_subject, values);
    mail.textBody = expand(m_body, values);
    return mail;
}

} // namespace dcc::server
