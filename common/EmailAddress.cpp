#include "common/EmailAddress.h"

#include "common/Utf8.h"

#include <string_view>

namespace dcc {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext.
bool isAtext(char c)
{
    return isAsciiAlnum(c) ||
           std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool isValidLocalPart(std::string_view local)
{
    if (local.empty() || local.size() > EmailAddress::kMaxLocalPartLength)
        return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
        return false;
    for (const char c : local) {
        if (c != '.' && !isAtext(c))
            return false;
    }
    return true;
}

bool isValidLabel(std::string_view label)
{
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
    for (const char c : label) {
        if (!isAsciiAlnum(c) && c != '-')
            return false;
    }
    return true;
}

bool isValidDomain(std::string_view domain)
{
    if (domain.empty() || domain.size() > 253)
        return false;
    std::size_t labels = 0;
    std::string_view lastLabel;
    while (true) {
        const auto dot = domain.find('.');
        const std::string_view label = domain.substr(0, dot);
        if (!isValidLabel(label))
            return false;
        ++labels;
        lastLabel = label;
        if (dot == std::string_view::npos)
            break;
        domain.remove_prefix(dot + 1);
    }
    // A top-level domain is never all digits; this also refuses bare IPv4 addresses.
    const bool numericTld = lastLabel.find_first_not_of("0123456789") == std::string_view::npos;
    return labels >= 2 && !numericTld;
}

bool isMaskSeparator(char c)
{
    return c == '.' || c == '-' || c == '_' || c == '+';
}

} // namespace

Expected<EmailAddress, EmailProblem> EmailAddress::parse(std::string_view typed)
{
    const std::string_view trimmed = Utf8::trim(typed);
    if (trimmed.empty())
        return Unexpected{EmailProblem::Empty};
    if (trimmed.size() > kMaxLength)
        return Unexpected{EmailProblem::TooLong};
    const auto at = trimmed.rfind('@');
    if (at == std::string_view::npos)
        return Unexpected{EmailProblem::MissingAt};
    if (!isValidLocalPart(trimmed.substr(0, at)))
        return Unexpected{EmailProblem::LocalPartInvalid};
    const std::string domain = Utf8::asciiLower(trimmed.substr(at + 1));
    if (!isValidDomain(domain))
        return Unexpected{EmailProblem::DomainInvalid};
    return EmailAddress(std::string(trimmed.substr(0, at + 1)) + domain, at);
}

std::string_view EmailAddress::localPart() const
{
    return std::string_view(m_address).substr(0, m_at);
}

std::string_view EmailAddress::domain() const
{
    return std::string_view(m_address).substr(m_at + 1);
}

std::string EmailAddress::masked() const
{
    std::string out;
    bool startOfPart = true;
    for (const char c : localPart()) {
        if (isMaskSeparator(c)) {
            out.push_back(c);
            startOfPart = true;
        } else if (startOfPart) {
            out.push_back(c);
            out.append("***");
            startOfPart = false;
        }
    }
    out.push_back('@');
    out.append(domain());
    return out;
}

std::string_view EmailAddress::problemCode(EmailProblem problem)
{
    switch (problem) {
    case EmailProblem::Empty:
        return "empty";
    case EmailProblem::TooLong:
        return "too_long";
    case EmailProblem::MissingAt:
        return "missing_at";
    case EmailProblem::LocalPartInvalid:
        return "local_part_invalid";
    case EmailProblem::DomainInvalid:
        return "domain_invalid";
    }
    return "unknown";
}

} // namespace dcc
