#pragma once

#include "common/Bytes.h"
#include "common/Expected.h"
#include "common/NationalIdentifier.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dcc {

enum class CertificateProblem
{
    Empty,
    NotDecodable, ///< neither a DER nor a PEM X.509 certificate
};

/// The key usages the login checks; `declared` is false when the extension is absent.
struct KeyUsage
{
    bool declared = false;
    bool digitalSignature = false;
    bool nonRepudiation = false;
    bool keyEncipherment = false;
    bool keyCertSign = false;
};

enum class PublicKeyType
{
    Rsa,
    Ec,
    Other,
};

/// What a CPS certificate says about its holder, read once from DER or PEM into plain
/// values (no OpenSSL object is kept). The subject of a CPS certificate carries the
/// national identifier in CN, the surname in SN, the given name in GN and the profession
/// in title (T), and the structure in O / OU.
class CpsCertificate
{
public:
    using TimePoint = std::chrono::sys_seconds;

    static Expected<CpsCertificate, CertificateProblem> parse(ByteView derOrPem);
    static std::string_view problemCode(CertificateProblem problem);

    [[nodiscard]] const Bytes& der() const noexcept { return m_der; }
    /// DER SubjectPublicKeyInfo, for ChallengeSignature::verify.
    [[nodiscard]] const Bytes& publicKeyInfo() const noexcept { return m_publicKeyInfo; }
    [[nodiscard]] PublicKeyType publicKeyType() const noexcept { return m_keyType; }
    [[nodiscard]] int publicKeyBits() const noexcept { return m_keyBits; }

    /// Empty when the CN is not a well-formed PS_IdNat.
    [[nodiscard]] const std::optional<NationalIdentifier>& nationalIdentifier() const noexcept
    {
        return m_nationalIdentifier;
    }
    [[nodiscard]] const std::string& commonName() const noexcept { return m_commonName; }
    [[nodiscard]] const std::string& givenName() const noexcept { return m_givenName; }
    [[nodiscard]] const std::string& surname() const noexcept { return m_surname; }
    [[nodiscard]] const std::string& profession() const noexcept { return m_profession; }
    [[nodiscard]] const std::string& organisation() const noexcept { return m_organisation; }
    [[nodiscard]] const std::string& organisationalUnit() const noexcept
    {
        return m_organisationalUnit;
    }

    /// RFC 2253 forms in UTF-8, for audit rows and diagnostics.
    [[nodiscard]] const std::string& subject() const noexcept { return m_subject; }
    [[nodiscard]] const std::string& issuer() const noexcept { return m_issuer; }
    /// Upper-case hexadecimal, no separators.
    [[nodiscard]] const std::string& serialNumber() const noexcept { return m_serialNumber; }

    [[nodiscard]] TimePoint notBefore() const noexcept { return m_notBefore; }
    [[nodiscard]] TimePoint notAfter() const noexcept { return m_notAfter; }
    [[nodiscard]] bool isValidAt(TimePoint when) const noexcept
    {
        return when >= m_notBefore && when <= m_notAfter;
    }

    [[nodiscard]] const KeyUsage& keyUsage() const noexcept { return m_keyUsage; }
    /// A login certificate: digitalSignature and not nonRepudiation. The card's signature
    /// certificate (nonRepudiation) must never be used to log in.
    [[nodiscard]] bool isAuthenticationCertificate() const noexcept
    {
        return m_keyUsage.declared && m_keyUsage.digitalSignature && !m_keyUsage.nonRepudiation;
    }
    [[nodiscard]] bool isCertificateAuthority() const noexcept { return m_isCa; }

private:
    CpsCertificate() = default;

    Bytes m_der;
    Bytes m_publicKeyInfo;
    PublicKeyType m_keyType = PublicKeyType::Other;
    int m_keyBits = 0;
    std::optional<NationalIdentifier> m_nationalIdentifier;
    std::string m_commonName;
    std::string m_givenName;
    std::string m_surname;
    std::string m_profession;
    std::string m_organisation;
    std::string m_organisationalUnit;
    std::string m_subject;
    std::string m_issuer;
    std::string m_serialNumber;
    TimePoint m_notBefore{};
    TimePoint m_notAfter{};
    KeyUsage m_keyUsage;
    bool m_isCa = false;
};

} // namespace dcc
