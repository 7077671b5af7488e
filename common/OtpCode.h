#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dcc {

/// The one-time code mailed to the user (6 digits in the guide).
class OtpCode
{
public:
    static constexpr std::size_t kDefaultDigits = 6;
    static constexpr std::size_t kMaxDigits = 9;

    /// A code drawn uniformly from OpenSSL's CSPRNG: values that would bias the last
    /// decimal digit are drawn again rather than folded by a modulo. Throws
    /// std::runtime_error when the CSPRNG fails, and std::invalid_argument for 0 or more
    /// than kMaxDigits digits.
    static std::string generate(std::size_t digits = kDefaultDigits);

    /// What the user typed, reduced to the code: spaces (ASCII, no-break, thin) are
    /// ignored, as mail readers and copy-paste put them in; anything else than exactly
    /// `digits` ASCII digits is refused.
    static std::optional<std::string> parse(std::string_view typed,
                                            std::size_t digits = kDefaultDigits);
};

} // namespace dcc
