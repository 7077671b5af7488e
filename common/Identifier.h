#pragma once

#include "common/Expected.h"

#include <string>
#include <string_view>

namespace dcc {

/// Why a typed identifier is not of the guide's form.
enum class IdentifierProblem
{
    Empty,
    TooLong,
    InvalidCharacter,       ///< accents, spaces or symbols other than - and '
    MissingDot,             ///< no "." between the initial and the surname
    InitialNotSingleLetter, ///< "jean.dupont" instead of "j.dupont"
    SurnameMissing,         ///< "j."
    SurnameMalformed,       ///< "j.-dupont", "j.dupont-", "j.du--pont", "j.2dupont"
};

/// A DCC identifier: the initial of the first name, a dot and the usage surname, as the
/// guide writes it ("Initiale du prénom + point + nom d'usage", e.g. j.dupont). Compound
/// and apostrophe surnames are kept (a.martin-durand, l.o'neil) and a trailing number
/// tells homonyms apart (j.dupont2). Identifiers compare after normalisation: surrounding
/// spaces removed, ASCII lower case, typographic apostrophe ’ read as '.
class Identifier
{
public:
    static constexpr std::size_t kMaxLength = 64;

    static Expected<Identifier, IdentifierProblem> parse(std::string_view typed);
    static std::string normalise(std::string_view typed);
    /// Stable code for logs and API answers ("missing_dot").
    static std::string_view problemCode(IdentifierProblem problem);

    [[nodiscard]] const std::string& value() const noexcept { return m_value; }
    friend bool operator==(const Identifier&, const Identifier&) = default;

private:
    explicit Identifier(std::string value)
        : m_value(std::move(value))
    {}

    std::string m_value;
};

} // namespace dcc
