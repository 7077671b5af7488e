#pragma once

#include "common/CertificateRejection.h"
#include "server/auth/CpsSettings.h"

#include <memory>
#include <optional>
#include <string>

namespace dcc {
class CpsCertificate;
}

namespace dcc::server {

class Clock;

/// The certificate checks of a card login, in the order DESIGN.md gives: chain to the
/// configured trust store, validity dates, key usage (digitalSignature, never the
/// nonRepudiation signature certificate), revocation by CRL. Dates are judged by the
/// server's Clock. Thread-safe; CRL files are re-read when they change on disk.
class CertificateValidator
{
public:
    struct Verdict
    {
        std::optional<CertificateRejection> rejection; ///< empty: accepted
        std::string detail;               ///< why, in English, for the log and the audit
        bool revocationUnchecked = false; ///< accepted under soft-fail without a current CRL
    };

    /// Throws std::runtime_error naming the path when the trust store or a CRL path cannot
    /// be read or holds no certificate.
    CertificateValidator(const CpsSettings& settings, const Clock& clock);
    ~CertificateValidator();
    CertificateValidator(const CertificateValidator&) = delete;
    CertificateValidator& operator=(const CertificateValidator&) = delete;

    [[nodiscard]] Verdict validate(const CpsCertificate& certificate) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
    const CpsSettings m_settings;
    const Clock& m_clock;
};

} // namespace dcc::server
