#pragma once

#include "common/Bytes.h"

#include <optional>
#include <string>
#include <string_view>

namespace dcc {

/// What kind of card sits in a reader, told by its ATR.
enum class CardType
{
    Cps3Contact,     ///< CPS3 through the contact interface: can log in
    Cps3Contactless, ///< CPS3 through the contactless interface: no PIN, cannot log in
    Cps4,
    Unknown,
};

/// A card's Answer To Reset, as PC/SC reports it.
class Atr
{
public:
    static constexpr std::size_t kMaxSize = 33; // ISO 7816-3

    explicit Atr(Bytes bytes)
        : m_bytes(std::move(bytes))
    {}

    /// "3B AC 00 40 …", "3BAC0040…" or "3b:ac:00:…"; nullopt for anything else or more
    /// than kMaxSize bytes.
    static std::optional<Atr> fromHex(std::string_view text);

    [[nodiscard]] const Bytes& bytes() const noexcept { return m_bytes; }
    /// Upper-case bytes separated by spaces, as pcsc_scan and the diagnostics show them.
    [[nodiscard]] std::string toHex() const;
    [[nodiscard]] CardType cardType() const;

    /// Stable code for logs and reports ("cps3_contact").
    static std::string_view cardTypeCode(CardType type);

private:
    Bytes m_bytes;
};

} // namespace dcc
