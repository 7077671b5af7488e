#include "common/Utf8.h"

#include <algorithm>
#include <cstdint>

namespace dcc {

namespace {

// Latin Extended-A alternates upper/lower case in pairs, with the parity flipping at a few
// known places (U+0138 ĸ, U+0149 ŉ, U+0178 Ÿ, U+017F ſ).
bool latinExtendedAIsUpper(char32_t c)
{
    if (c == 0x138 || c == 0x149 || c == 0x17F)
        return false;
    if (c == 0x178)
        return true;
    const bool even = (c % 2) == 0;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return !even;
    return even;
}

bool isLatinExtendedA(char32_t c)
{
    return c >= 0x100 && c <= 0x17F;
}

} // namespace

std::optional<std::u32string> Utf8::decode(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<std::uint8_t>(text[i]);
        std::size_t length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            cp = lead & 0x1Fu;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            cp = lead & 0x0Fu;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            cp = lead & 0x07u;
            minimum = 0x10000;
        } else {
            return std::nullopt;
        }
        if (i + length > text.size())
            return std::nullopt;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<std::uint8_t>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return std::nullopt;
            cp = (cp << 6) | (next & 0x3Fu);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        out.push_back(cp);
        i += length;
    }
    return out;
}

bool Utf8::isUpperCase(char32_t c)
{
    if (c >= U'A' && c <= U'Z')
        return true;
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7; // × is a symbol
    if (isLatinExtendedA(c))
        return latinExtendedAIsUpper(c);
    if (c >= 0x391 && c <= 0x3A9)
        return c != 0x3A2; // unassigned
    if (c >= 0x400 && c <= 0x42F)
        return true;
    return false;
}

bool Utf8::isLowerCase(char32_t c)
{
    if (c >= U'a' && c <= U'z')
        return true;
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7; // ÷ is a symbol
    if (isLatinExtendedA(c))
        return !latinExtendedAIsUpper(c);
    if (c >= 0x3AC && c <= 0x3CE)
        return true;
    if (c >= 0x430 && c <= 0x45F)
        return true;
    return false;
}

bool Utf8::isSpecial(char32_t c)
{
    const bool asciiPunctuation = (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                                  (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    const bool latin1Symbol = (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7;
    const bool generalPunctuation = c >= 0x2010 && c <= 0x205E;
    const bool currency = c >= 0x20A0 && c <= 0x20CF;
    return asciiPunctuation || latin1Symbol || generalPunctuation || currency;
}

bool Utf8::isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

std::string Utf8::asciiLower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    return out;
}

std::string_view Utf8::trim(std::string_view text)
{
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
    constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
    auto isAsciiSpace = [](char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
    };
    bool changed = true;
    while (changed && !text.empty()) {
        changed = false;
        if (isAsciiSpace(text.front())) {
            text.remove_prefix(1);
            changed = true;
        } else if (isAsciiSpace(text.back())) {
            text.remove_suffix(1);
            changed = true;
        }
        for (const auto space : {kNoBreakSpace, kNarrowNoBreakSpace}) {
            if (text.starts_with(space)) {
                text.remove_prefix(space.size());
                changed = true;
            }
            if (text.ends_with(space)) {
                text.remove_suffix(space.size());
                changed = true;
            }
        }
    }
    return text;
}

} // namespace dcc
