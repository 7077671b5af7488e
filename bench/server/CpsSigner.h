#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace dcc::bench {

/// Stands in for a CPS card in the load driver: the card's authentication certificate and
/// its private key file from the test PKI, signing the challenge exactly as the card does
/// (CKM_RSA_PKCS = PKCS #1 v1.5 padding over the DER DigestInfo of common/CpsChallenge).
/// OpenSSL instead of SoftHSM so that the token is not what the load measures.
class CpsSigner
{
public:
    CpsSigner(const std::filesystem::path& certificatePem, const std::filesystem::path& keyPem);
    ~CpsSigner();
    CpsSigner(const CpsSigner&) = delete;
    CpsSigner& operator=(const CpsSigner&) = delete;

    /// The certificate as the verify request carries it (base64 of the DER).
    [[nodiscard]] const std::string& certificateBase64() const noexcept { return m_certificate; }
    /// base64 RS256 signature of the challenge `nonce` bound to `origin`. Thread-safe.
    [[nodiscard]] std::string sign(std::string_view origin, std::string_view nonce) const;

private:
    struct Key;
    std::unique_ptr<Key> m_key;
    std::string m_certificate;
};

} // namespace dcc::bench
