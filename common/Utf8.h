#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dcc {

/// UTF-8 decoding and the little character classification the password rules need.
/// common/ must not depend on Qt or ICU, so classification covers the scripts French
/// health professionals type (Latin with its accents, Greek, Cyrillic); any other letter
/// counts as neither upper nor lower case. Clients send passwords in NFC.
class Utf8
{
public:
    /// Strict decoding: overlong forms, surrogates and code points past U+10FFFF are refused.
    static std::optional<std::u32string> decode(std::string_view text);

    static bool isUpperCase(char32_t c);
    static bool isLowerCase(char32_t c);
    static bool isAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
    /// ASCII punctuation and common non-letter symbols (€, §, °, «, typographic quotes…).
    static bool isSpecial(char32_t c);
    /// C0 and C1 control characters and DEL: never part of a password or identifier.
    static bool isControl(char32_t c);

    /// ASCII-only lower-casing: enough for identifiers and domain names, which are ASCII.
    static std::string asciiLower(std::string_view text);
    /// Removes ASCII white space and no-break spaces from both ends.
    static std::string_view trim(std::string_view text);
};

} // namespace dcc
