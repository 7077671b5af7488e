#pragma once

#include <string>

namespace dcc::server {

/// The hand-off to the real DCC (the `dcc.*` keys). Without a URL, /launch lands on the
/// built-in /dcc/ page.
struct DccSettings
{
    std::string url;            ///< where /launch sends the browser with the assertion
    std::string audience;       ///< the assertion's "aud": the DCC's identifier
    std::string signingKeyFile; ///< PEM private key: RSA (RS256, ≥ 2048 bits) or P-256 (ES256)
    std::string keyId;          ///< "kid"; empty: the key's RFC 7638 thumbprint
    int lifetime = 60;          ///< seconds between "iat" and "exp"

    [[nodiscard]] bool enabled() const { return !url.empty(); }
};

} // namespace dcc::server
