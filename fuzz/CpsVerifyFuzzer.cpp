// The decoding steps of POST /api/v1/auth/cps/verify after base64: the card's certificate
// (CpsCertificate, then CertificateValidator against fuzz/pki/ca.pem) and the challenge
// signature (ChallengeSignature, with the certificate's key and with the input's bytes
// taken as a SubjectPublicKeyInfo).
//
// Input: a 2-byte big-endian length, that many bytes of certificate (DER or PEM), one byte
// choosing the algorithm (RS256, PS256, ES256), the signature. The seeds in
// corpus/cps_verify/ were signed over kOrigin and kNonce by keys certified by the CA.
#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "common/SignatureAlgorithm.h"
#include "server/auth/CertificateValidator.h"
#include "server/auth/Clock.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

constexpr std::string_view kOrigin = "https://dcc-login.fuzz.invalid";
constexpr std::string_view kNonce = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

void require(bool condition)
{
    if (!condition)
        std::abort();
}

const dcc::server::CertificateValidator& validator()
{
    static const dcc::server::SystemClock clock;
    static const auto instance = [] {
        dcc::server::CpsSettings settings;
        settings.trustStore = DCC_FUZZ_TRUST_STORE;
        settings.revocation = dcc::server::CpsSettings::Revocation::None;
        return std::make_unique<dcc::server::CertificateValidator>(settings, clock);
    }();
    return *instance;
}

dcc::SignatureAlgorithm algorithmOf(std::uint8_t selector)
{
    switch (selector % 3) {
    case 0:
        return dcc::SignatureAlgorithm::RS256;
    case 1:
        return dcc::SignatureAlgorithm::PS256;
    default:
        return dcc::SignatureAlgorithm::ES256;
    }
}

void checkCertificate(const dcc::CpsCertificate& certificate, dcc::SignatureAlgorithm algorithm,
                      dcc::ByteView signature)
{
    // What was read from PEM or DER reads again from its DER, to the same identity.
    const auto again = dcc::CpsCertificate::parse(certificate.der());
    require(again.hasValue() && again->subject() == certificate.subject() &&
            again->serialNumber() == certificate.serialNumber() &&
            again->publicKeyInfo() == certificate.publicKeyInfo());
    if (certificate.nationalIdentifier())
        require(certificate.nationalIdentifier()->value() == certificate.commonName());

    const dcc::server::CertificateValidator::Verdict verdict = validator().validate(certificate);
    if (!verdict.rejection)
        require(certificate.isAuthenticationCertificate() && !certificate.isCertificateAuthority());

    const dcc::SignatureCheck check = dcc::ChallengeSignature::verify(
        certificate.publicKeyInfo(), algorithm, kOrigin, kNonce, signature);
    require(!dcc::ChallengeSignature::checkCode(check).empty());
    if (check == dcc::SignatureCheck::Valid) {
        // A signature binds the origin: the same bytes for another server never verify.
        require(dcc::ChallengeSignature::verify(certificate.publicKeyInfo(), algorithm,
                                                "https://elsewhere.invalid", kNonce,
                                                signature) != dcc::SignatureCheck::Valid);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const dcc::ByteView input(data, size);
    if (input.size() < 2)
        return 0;
    const std::size_t certificateSize = std::size_t{input[0]} << 8U | input[1];
    const dcc::ByteView rest = input.subspan(2);
    const dcc::ByteView certificateBytes = rest.first(std::min(certificateSize, rest.size()));
    const dcc::ByteView tail = rest.subspan(certificateBytes.size());
    const dcc::SignatureAlgorithm algorithm = algorithmOf(tail.empty() ? 0 : tail[0]);
    const dcc::ByteView signature = tail.empty() ? tail : tail.subspan(1);

    const auto certificate = dcc::CpsCertificate::parse(certificateBytes);
    if (certificate)
        checkCertificate(*certificate, algorithm, signature);
    else
        require(!dcc::CpsCertificate::problemCode(certificate.error()).empty());

    // The certificate bytes as a bare public key: the key decoding must refuse garbage.
    const dcc::SignatureCheck bare =
        dcc::ChallengeSignature::verify(certificateBytes, algorithm, kOrigin, kNonce, signature);
    require(!dcc::ChallengeSignature::checkCode(bare).empty());
    return 0;
}
