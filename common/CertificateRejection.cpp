#include "common/CertificateRejection.h"

#include <array>
#include <utility>

namespace dcc {

namespace {

constexpr std::array<std::pair<CertificateRejection, std::string_view>, 7> kReasons = {{
    {CertificateRejection::Malformed, "malformed"},
    {CertificateRejection::Untrusted, "untrusted"},
    {CertificateRejection::Expired, "expired"},
    {CertificateRejection::NotYetValid, "not_yet_valid"},
    {CertificateRejection::WrongUsage, "wrong_usage"},
    {CertificateRejection::Revoked, "revoked"},
    {CertificateRejection::RevocationUnavailable, "revocation_unavailable"},
}};

} // namespace

std::string_view CertificateRejections::code(CertificateRejection reason)
{
    for (const auto& [value, code] : kReasons) {
        if (value == reason)
            return code;
    }
    return "unknown";
}

std::optional<CertificateRejection> CertificateRejections::fromCode(std::string_view code)
{
    for (const auto& [value, name] : kReasons) {
        if (name == code)
            return value;
    }
    return std::nullopt;
}

} // namespace dcc
