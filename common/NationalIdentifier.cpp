#include "common/NationalIdentifier.h"

#include <algorithm>

namespace dcc {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
// Other types (structure staff: 3 + FINESS + "/" + internal number, …) carry any
// visible ASCII character.
bool isVisibleAscii(char c)
{
    return c > ' ' && c < 0x7F;
}

bool isAdeliNumber(std::string_view number)
{
    // Département first (two digits, or 2A / 2B), then digits.
    if (number.size() != 9)
        return false;
    const bool corsica = number[0] == '2' && (number[1] == 'A' || number[1] == 'B');
    const bool departement = isDigit(number[0]) && isDigit(number[1]);
    return (corsica || departement) && std::all_of(number.begin() + 2, number.end(), isDigit);
}

} // namespace

std::optional<NationalIdentifier> NationalIdentifier::parse(std::string_view text)
{
    if (text.size() < 2 || text.size() > kMaxLength || !isDigit(text.front()))
        return std::nullopt;
    const std::string_view number = text.substr(1);
    switch (text.front()) {
    case '8':
        if (number.size() != 11 || !std::all_of(number.begin(), number.end(), isDigit))
            return std::nullopt;
        return NationalIdentifier(std::string(text), NationalIdentifierType::Rpps);
    case '0':
        if (!isAdeliNumber(number))
            return std::nullopt;
        return NationalIdentifier(std::string(text), NationalIdentifierType::Adeli);
    default:
        if (!std::all_of(number.begin(), number.end(), isVisibleAscii))
            return std::nullopt;
        return NationalIdentifier(std::string(text), NationalIdentifierType::Other);
    }
}

} // namespace dcc
