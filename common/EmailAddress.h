#pragma once

#include "common/Expected.h"

#include <string>
#include <string_view>

namespace dcc {

enum class EmailProblem
{
    Empty,
    TooLong,
    MissingAt,
    LocalPartInvalid, ///< empty, too long, bad character, leading/trailing/double dot
    DomainInvalid,    ///< not a dotted host name
};

/// A mailbox address as accounts carry it: dot-atom local part (quoted local parts and
/// address literals are refused, no hospital mail system hands them out) and a host name
/// domain, kept lower case. masked() is what the guide shows under "Votre canal de
/// réception".
class EmailAddress
{
public:
    static constexpr std::size_t kMaxLength = 254;
    static constexpr std::size_t kMaxLocalPartLength = 64;

    static Expected<EmailAddress, EmailProblem> parse(std::string_view typed);
    static std::string_view problemCode(EmailProblem problem);

    [[nodiscard]] const std::string& address() const noexcept { return m_address; }
    [[nodiscard]] std::string_view localPart() const;
    [[nodiscard]] std::string_view domain() const;

    /// jean.dupont@hopital.fr → j***.d***@hopital.fr. Each part of the local name keeps
    /// its first character and hides the rest behind "***" whatever its length, so the
    /// mask never tells how long a name is; separators (. - _ +) stay so that the user
    /// recognises the shape of the address. The domain is shown in full.
    [[nodiscard]] std::string masked() const;

    friend bool operator==(const EmailAddress&, const EmailAddress&) = default;

private:
    EmailAddress(std::string address, std::size_t at)
        : m_address(std::move(address))
        , m_at(at)
    {}

    std::string m_address;
    std::size_t m_at = 0;
};

} // namespace dcc
