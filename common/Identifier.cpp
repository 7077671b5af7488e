#include "common/Identifier.h"

#include "common/Utf8.h"

namespace dcc {

namespace {

bool isAsciiLowerLetter(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isSurnameJoiner(char c)
{
    return c == '-' || c == '\'';
}

// Surname: letters in runs joined by single hyphens or apostrophes, then optional digits.
bool isWellFormedSurname(std::string_view surname)
{
    std::size_t end = surname.size();
    while (end > 0 && isAsciiDigit(surname[end - 1]))
        --end;
    const std::string_view letters = surname.substr(0, end);
    if (letters.empty() || !isAsciiLowerLetter(letters.front()) ||
        !isAsciiLowerLetter(letters.back()))
        return false;
    for (std::size_t i = 1; i < letters.size(); ++i) {
        if (isSurnameJoiner(letters[i]) && isSurnameJoiner(letters[i - 1]))
            return false;
        if (!isAsciiLowerLetter(letters[i]) && !isSurnameJoiner(letters[i]))
            return false;
    }
    return true;
}

} // namespace

std::string Identifier::normalise(std::string_view typed)
{
    constexpr std::string_view kTypographicApostrophe = "\xE2\x80\x99";
    std::string lowered = Utf8::asciiLower(Utf8::trim(typed));
    std::string out;
    out.reserve(lowered.size());
    for (std::size_t i = 0; i < lowered.size(); ++i) {
        if (std::string_view(lowered).substr(i).starts_with(kTypographicApostrophe)) {
            out.push_back('\'');
            i += kTypographicApostrophe.size() - 1;
        } else {
            out.push_back(lowered[i]);
        }
    }
    return out;
}

Expected<Identifier, IdentifierProblem> Identifier::parse(std::string_view typed)
{
    std::string value = normalise(typed);
    if (value.empty())
        return Unexpected{IdentifierProblem::Empty};
    if (value.size() > kMaxLength)
        return Unexpected{IdentifierProblem::TooLong};
    for (const char c : value) {
        if (!isAsciiLowerLetter(c) && !isAsciiDigit(c) && !isSurnameJoiner(c) && c != '.')
            return Unexpected{IdentifierProblem::InvalidCharacter};
    }
    const auto dot = value.find('.');
    if (dot == std::string::npos)
        return Unexpected{IdentifierProblem::MissingDot};
    if (dot != 1 || !isAsciiLowerLetter(value.front()))
        return Unexpected{IdentifierProblem::InitialNotSingleLetter};
    const std::string_view surname = std::string_view(value).substr(dot + 1);
    if (surname.empty())
        return Unexpected{IdentifierProblem::SurnameMissing};
    if (!isWellFormedSurname(surname))
        return Unexpected{IdentifierProblem::SurnameMalformed};
    return Identifier(std::move(value));
}

std::string_view Identifier::problemCode(IdentifierProblem problem)
{
    switch (problem) {
    case IdentifierProblem::Empty:
        return "empty";
    case IdentifierProblem::TooLong:
        return "too_long";
    case IdentifierProblem::InvalidCharacter:
        return "invalid_character";
    case IdentifierProblem::MissingDot:
        return "missing_dot";
    case IdentifierProblem::InitialNotSingleLetter:
        return "initial_not_single_letter";
    case IdentifierProblem::SurnameMissing:
        return "surname_missing";
    case IdentifierProblem::SurnameMalformed:
        return "surname_malformed";
    }
    return "unknown";
}

} // namespace dcc
