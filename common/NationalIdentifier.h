#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dcc {

/// Kind of a health professional's national identifier (PS_IdNat), from its type digit.
enum class NationalIdentifierType
{
    Rpps,  ///< 8 + the 11-digit RPPS number
    Adeli, ///< 0 + the 9-character ADELI number (digits, 2A/2B for Corsica)
    Other, ///< any other type digit, kept as it is
};

/// PS_IdNat: the subject CN of a CPS certificate and the link between a card and an
/// account. Compared as a whole string, type digit included.
class NationalIdentifier
{
public:
    static constexpr std::size_t kMaxLength = 32;

    static std::optional<NationalIdentifier> parse(std::string_view text);

    [[nodiscard]] const std::string& value() const noexcept { return m_value; }
    [[nodiscard]] NationalIdentifierType type() const noexcept { return m_type; }
    [[nodiscard]] char typeDigit() const noexcept { return m_value.front(); }
    /// The number without its type digit (the RPPS or ADELI number itself).
    [[nodiscard]] std::string_view number() const { return std::string_view(m_value).substr(1); }

    friend bool operator==(const NationalIdentifier&, const NationalIdentifier&) = default;

private:
    NationalIdentifier(std::string value, NationalIdentifierType type)
        : m_value(std::move(value))
        , m_type(type)
    {}

    std::string m_value;
    NationalIdentifierType m_type = NationalIdentifierType::Other;
};

} // namespace dcc
