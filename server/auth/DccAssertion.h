#pragma once

#include "server/auth/DccSettings.h"
#include "server/store/Account.h"

#include <memory>
#include <string>

namespace dcc::server {

class Clock;

/// The signed statement that carries a login to the real DCC: a short-lived JWT (Poco
/// JWT, RS256 or ES256 with the configured key) with iss = this server's public origin,
/// aud = the DCC, sub = the identifier, name, amr (["pwd","otp"] or ["pwd","sc"]),
/// national_id for card logins, iat, exp and a unique jti. The public key is published as
/// a JWKS document. docs/dcc-integration.md tells the DCC how to check it.
class DccAssertion
{
public:
    /// Throws std::runtime_error naming the file when the key cannot be used.
    DccAssertion(const DccSettings& settings, std::string issuer, const Clock& clock);
    ~DccAssertion();
    DccAssertion(const DccAssertion&) = delete;
    DccAssertion& operator=(const DccAssertion&) = delete;

    /// `method` is the session's login method ("otp" or "cps").
    [[nodiscard]] std::string issue(const Account& account, const std::string& method) const;
    /// The DCC URL with the assertion added as its `assertion` query parameter.
    [[nodiscard]] std::string redirectUrl(const std::string& assertion) const;
    /// {"keys":[…]}: the public key as a JWK, for /.well-known/jwks.json.
    [[nodiscard]] const std::string& jwks() const noexcept { return m_jwks; }
    [[nodiscard]] const std::string& algorithm() const noexcept { return m_algorithm; }
    [[nodiscard]] const std::string& keyId() const noexcept { return m_keyId; }

private:
    struct Keys;
    std::unique_ptr<Keys> m_keys;
    DccSettings m_settings;
    std::string m_issuer;
    const Clock& m_clock;
    std::string m_algorithm;
    std::string m_keyId;
    std::string m_jwks;
};

} // namespace dcc::server
