#include "common/Atr.h"

#include <algorithm>
#include <array>

namespace dcc {

namespace {

struct KnownAtr
{
    std::string_view hex;
    CardType type;
};

// ATRs of the cards the ANS issues (DESIGN.md, "Card facts").
constexpr std::array<KnownAtr, 3> kKnownAtrs = {{
    {"3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00", CardType::Cps3Contact},
    {"3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E", CardType::Cps3Contactless},
    {"3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44", CardType::Cps4},
}};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<Atr> Atr::fromHex(std::string_view text)
{
    Bytes bytes;
    int high = -1;
    for (const char c : text) {
        if (c == ' ' || c == ':') {
            if (high >= 0) // a separator inside a byte: "3 B"
                return std::nullopt;
            continue;
        }
        const int value = hexValue(c);
        if (value < 0)
            return std::nullopt;
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<std::uint8_t>(high * 16 + value));
            high = -1;
        }
    }
    if (high >= 0 || bytes.empty() || bytes.size() > kMaxSize)
        return std::nullopt;
    return Atr(std::move(bytes));
}

std::string Atr::toHex() const
{
    static constexpr std::string_view kDigits = "0123456789ABCDEF";
    std::string out;
    for (const std::uint8_t b : m_bytes) {
        if (!out.empty())
            out.push_back(' ');
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0F]);
    }
    return out;
}

CardType Atr::cardType() const
{
    const auto match = std::find_if(kKnownAtrs.begin(), kKnownAtrs.end(), [this](const auto& k) {
        const auto known = fromHex(k.hex);
        return known && known->bytes() == m_bytes;
    });
    return match != kKnownAtrs.end() ? match->type : CardType::Unknown;
}

std::string_view Atr::cardTypeCode(CardType type)
{
    switch (type) {
    case CardType::Cps3Contact:
        return "cps3_contact";
    case CardType::Cps3Contactless:
        return "cps3_contactless";
    case CardType::Cps4:
        return "cps4";
    case CardType::Unknown:
        return "unknown";
    }
    return "unknown";
}

} // namespace dcc
