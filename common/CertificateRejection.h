#pragma once

#include <optional>
#include <string_view>

namespace dcc {

/// The `reason` of a 401 certificate_rejected answer to a CPS login.
enum class CertificateRejection
{
    Malformed, ///< the certificate does not decode
    Untrusted, ///< no chain to the configured IGC-Santé trust store
    Expired,
    NotYetValid,
    WrongUsage, ///< no digitalSignature, or the nonRepudiation signature certificate
    Revoked,
    RevocationUnavailable, ///< no current CRL and revocation checking is fail-closed
};

class CertificateRejections
{
public:
    static std::string_view code(CertificateRejection reason);
    static std::optional<CertificateRejection> fromCode(std::string_view code);
};

} // namespace dcc
