#pragma once

#include <string>
#include <vector>

namespace dcc::server {

/// How card logins are checked (the `cps.*` keys).
struct CpsSettings
{
    enum class Revocation
    {
        FailClosed, ///< no current CRL for the issuer: refused (revocation_unavailable)
        SoftFail,   ///< no current CRL: accepted, and the audit says revocation was unchecked
        None,       ///< no CRL configured on purpose: revocation is not checked
    };

    /// CA certificates (PEM or DER): a file, or a folder of files. Empty: card login off.
    std::string trustStore;
    /// CRL files or folders (PEM or DER), re-read when they change.
    std::vector<std::string> crlPaths;
    Revocation revocation = Revocation::FailClosed;
    int nonceLifetime = 300;

    [[nodiscard]] bool enabled() const { return !trustStore.empty(); }
};

} // namespace dcc::server
