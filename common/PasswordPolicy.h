#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dcc {

/// One rule of the password policy; a password is refused with every rule it breaks.
enum class PasswordRule
{
    MinLength,      ///< "Au moins 8 caractères"
    MaxLength,      ///< long passwords are refused, never silently truncated
    Uppercase,      ///< "Au moins 1 lettre majuscule"
    Lowercase,      ///< "Au moins 1 lettre minuscule"
    DigitOrSpecial, ///< "Au moins 1 chiffre ou 1 caractère spécial"
    NotIdentifier,  ///< the password must not be the identifier
    ValidText,      ///< well-formed UTF-8 without control characters
};

/// The guide's password rules (section 5), with thresholds an administrator may raise.
/// Lengths count Unicode characters, not bytes, so "Éléphant1" has 9.
class PasswordPolicy
{
public:
    struct Thresholds
    {
        std::size_t minLength = 8;
        std::size_t maxLength = 128;
        std::size_t minUppercase = 1;
        std::size_t minLowercase = 1;
        std::size_t minDigitOrSpecial = 1;
        bool refuseIdentifier = true;
    };

    PasswordPolicy() = default;
    explicit PasswordPolicy(Thresholds thresholds);

    /// Every rule the password breaks, in the order of PasswordRule; empty when accepted.
    /// The identifier comparison ignores case and surrounding spaces.
    [[nodiscard]] std::vector<PasswordRule> unmetRules(std::string_view password,
                                                       std::string_view identifier = {}) const;
    [[nodiscard]] bool accepts(std::string_view password, std::string_view identifier = {}) const
    {
        return unmetRules(password, identifier).empty();
    }
    [[nodiscard]] const Thresholds& thresholds() const noexcept { return m_thresholds; }

    /// The policy as a JSON object for /api/v1/info, so that clients and the reset page
    /// show and check the same rules as the server.
    [[nodiscard]] std::string toJson() const;

    /// Stable code of a rule in API answers ("min_length").
    static std::string_view ruleCode(PasswordRule rule);
    /// The special characters the guide lists as examples; any ASCII punctuation and
    /// common symbols count too.
    static std::string_view guideSpecialCharacters();

private:
    Thresholds m_thresholds;
};

} // namespace dcc
