#include "common/OtpCode.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace dcc {

std::string OtpCode::generate(std::size_t digits)
{
    if (digits == 0 || digits > kMaxDigits)
        throw std::invalid_argument("OTP length must be between 1 and 9 digits");
    std::uint32_t modulus = 1;
    for (std::size_t i = 0; i < digits; ++i)
        modulus *= 10;
    // Largest multiple of the modulus that fits: values at or above it are redrawn.
    const std::uint64_t range = std::uint64_t{std::numeric_limits<std::uint32_t>::max()} + 1;
    const std::uint64_t limit = range - (range % modulus);

    std::uint32_t value = 0;
    do {
        std::array<unsigned char, sizeof(std::uint32_t)> bytes{};
        if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
            throw std::runtime_error("the system random generator failed");
        value = 0;
        for (const unsigned char b : bytes)
            value = (value << 8) | b;
    } while (value >= limit);

    std::string code(digits, '0');
    std::uint32_t rest = value % modulus;
    for (std::size_t i = digits; i > 0; --i) {
        code[i - 1] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    }
    return code;
}

std::optional<std::string> OtpCode::parse(std::string_view typed, std::size_t digits)
{
    static constexpr std::array<std::string_view, 3> kWideSpaces = {
        "\xC2\xA0",     // no-break space
        "\xE2\x80\xAF", // narrow no-break space
        "\xE2\x80\x89", // thin space
    };
    std::string code;
    std::size_t i = 0;
    while (i < typed.size()) {
        const char c = typed[i];
        if (c >= '0' && c <= '9') {
            code.push_back(c);
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t') {
            ++i;
            continue;
        }
        bool skipped = false;
        for (const auto space : kWideSpaces) {
            if (typed.substr(i).starts_with(space)) {
                i += space.size();
                skipped = true;
                break;
            }
        }
        if (!skipped)
            return std::nullopt;
    }
    if (code.size() != digits)
        return std::nullopt;
    return code;
}

} // namespace dcc
