#include "common/PasswordPolicy.h"

#include "common/Identifier.h"
#include "common/Utf8.h"

#include <algorithm>
#include <stdexcept>

namespace dcc {

PasswordPolicy::PasswordPolicy(Thresholds thresholds)
    : m_thresholds(thresholds)
{
    if (m_thresholds.minLength > m_thresholds.maxLength)
        throw std::invalid_argument("password policy: minimum length exceeds maximum length");
}

std::vector<PasswordRule> PasswordPolicy::unmetRules(std::string_view password,
                                                     std::string_view identifier) const
{
    std::vector<PasswordRule> unmet;
    const auto decoded = Utf8::decode(password);
    if (!decoded) {
        // Without characters there is nothing further to judge honestly.
        return {PasswordRule::ValidText};
    }
    std::size_t upper = 0;
    std::size_t lower = 0;
    std::size_t digitOrSpecial = 0;
    bool control = false;
    for (const char32_t c : *decoded) {
        upper += Utf8::isUpperCase(c) ? 1u : 0u;
        lower += Utf8::isLowerCase(c) ? 1u : 0u;
        digitOrSpecial += (Utf8::isAsciiDigit(c) || Utf8::isSpecial(c)) ? 1u : 0u;
        control = control || Utf8::isControl(c);
    }
    if (decoded->size() < m_thresholds.minLength)
        unmet.push_back(PasswordRule::MinLength);
    if (decoded->size() > m_thresholds.maxLength)
        unmet.push_back(PasswordRule::MaxLength);
    if (upper < m_thresholds.minUppercase)
        unmet.push_back(PasswordRule::Uppercase);
    if (lower < m_thresholds.minLowercase)
        unmet.push_back(PasswordRule::Lowercase);
    if (digitOrSpecial < m_thresholds.minDigitOrSpecial)
        unmet.push_back(PasswordRule::DigitOrSpecial);
    if (m_thresholds.refuseIdentifier && !identifier.empty() &&
        Identifier::normalise(password) == Identifier::normalise(identifier))
        unmet.push_back(PasswordRule::NotIdentifier);
    if (control)
        unmet.push_back(PasswordRule::ValidText);
    return unmet;
}

std::string PasswordPolicy::toJson() const
{
    // Only numbers, booleans and fixed ASCII codes go in, so no escaping library is needed;
    // the special characters are written with JSON escapes for " and \.
    std::string specials;
    for (const char c : guideSpecialCharacters()) {
        if (c == '"' || c == '\\')
            specials.push_back('\\');
        specials.push_back(c);
    }
    return "{\"min_length\":" + std::to_string(m_thresholds.minLength) +
           ",\"max_length\":" + std::to_string(m_thresholds.maxLength) +
           ",\"min_uppercase\":" + std::to_string(m_thresholds.minUppercase) +
           ",\"min_lowercase\":" + std::to_string(m_thresholds.minLowercase) +
           ",\"min_digit_or_special\":" + std::to_string(m_thresholds.minDigitOrSpecial) +
           ",\"refuse_identifier\":" + (m_thresholds.refuseIdentifier ? "true" : "false") +
           ",\"special_characters\":\"" + specials + "\"}";
}

std::string_view PasswordPolicy::ruleCode(PasswordRule rule)
{
    switch (rule) {
    case PasswordRule::MinLength:
        return "min_length";
    case PasswordRule::MaxLength:
        return "max_length";
    case PasswordRule::Uppercase:
        return "uppercase";
    case PasswordRule::Lowercase:
        return "lowercase";
    case PasswordRule::DigitOrSpecial:
        return "digit_or_special";
    case PasswordRule::NotIdentifier:
        return "not_identifier";
    case PasswordRule::ValidText:
        return "valid_text";
    }
    return "unknown";
}

std::string_view PasswordPolicy::guideSpecialCharacters()
{
    return "!#$%&'()*+,-./:;<=>?[\\]^_{}";
}

} // namespace dcc
