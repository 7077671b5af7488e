#include "server/auth/CpsLogin.h"

#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "common/Protocol.h"
#include "common/ProtocolError.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/CertificateValidator.h"
#include "server/auth/Clock.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/PasswordAuthenticator.h"
#include "server/auth/SecretToken.h"
#include "server/store/AccountStore.h"
#include "server/store/FlowStore.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>

namespace dcc::server {

namespace {

constexpr auto kMethod = "cps";

std::string base64(const unsigned char* data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3), '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

// Strict standard base64 (padding required, no white space); nullopt for anything else.
std::optional<Bytes> fromBase64(const std::string& text)
{
    if (text.empty() || text.size() % 4 != 0 ||
        text.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") !=
            std::string::npos)
        return std::nullopt;
    // '=' only as the one or two last characters: OpenSSL would read "ab=c" as zero bits
    // and still answer three bytes, so a mangled value would decode (docs/security.md).
    const auto padding = text.find('=');
    if (padding != std::string::npos &&
        (padding < text.size() - 2 || text.find_first_not_of('=', padding) != std::string::npos))
        return std::nullopt;
    Bytes out(text.size() / 4 * 3);
    const int length =
        EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                        static_cast<int>(text.size()));
    if (length < 0)
        return std::nullopt;
    const std::size_t padded = text.size() - (padding == std::string::npos ? text.size() : padding);
    out.resize(static_cast<std::size_t>(length) - padded);
    return out;
}

ProtocolError rejected(CertificateRejection reason, const std::string& detail)
{
    return ProtocolError(ErrorCode::CertificateRejected, "certificate rejected: " + detail)
        .with("reason", std::string(CertificateRejections::code(reason)));
}

} // namespace

CpsLogin::Challenge CpsLogin::challenge(std::string_view identifier, std::string_view password,
                                        const RequestOrigin& origin)
{
    const Account account =
        m_d.passwords.authenticate(identifier, password, origin, "cps.challenge");
    const std::int64_t now = m_d.clock.now();
    std::array<unsigned char, protocol::kNonceBytes> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        throw std::runtime_error("the system random generator failed");

    Challenge out;
    out.flow = SecretToken::generate(protocol::kNonceBytes);
    out.nonce = base64(random.data(), random.size());
    out.expiresIn = m_d.cps.nonceLifetime;
    LoginFlow flow;
    flow.idHash = SecretToken::hash(out.flow);
    flow.accountId = account.id;
    flow.method = kMethod;
    flow.createdAt = now;
    flow.expiresAt = now + m_d.cps.nonceLifetime;
    flow.clientAddress = origin.clientAddress;
    flow.nonce = out.nonce;
    m_d.flows.createChallenge(flow);
    m_d.audit.record("cps.challenge", "ok", account.id, account.identifier, origin);
    return out;
}

CpsLogin::Completed CpsLogin::verify(const std::string& flowToken,
                                     const std::string& certificateText,
                                     const std::string& signatureText,
                                     const std::string& algorithmName, const RequestOrigin& origin)
{
    const auto algorithm = parseSignatureAlgorithm(algorithmName);
    if (!algorithm) {
        throw ProtocolError(ErrorCode::InvalidRequest, "algorithm must be RS256, PS256 or ES256")
            .with("field", std::string("algorithm"));
    }

    // The challenge is taken first, and for good: whatever follows, it never serves again.
    const std::int64_t now = m_d.clock.now();
    const auto taken = SecretToken::looksValid(flowToken, protocol::kNonceBytes)
                           ? m_d.flows.consumeChallenge(SecretToken::hash(flowToken), now)
                           : std::variant<FlowStore::Challenge, FlowStore::ChallengeRefusal>(
                                 FlowStore::ChallengeRefusal::Unknown);
    if (const auto* refusal = std::get_if<FlowStore::ChallengeRefusal>(&taken)) {
        const char* reason = *refusal == FlowStore::ChallengeRefusal::Expired ? "expired"
                             : *refusal == FlowStore::ChallengeRefusal::Used  ? "used"
                                                                              : "unknown";
        m_d.audit.record("cps.verify", std::string("flow_") + reason, std::nullopt, "", origin);
        throw ProtocolError(ErrorCode::FlowExpired,
                            std::string("challenge ") + reason + ": start again with the password")
            .with("reason", std::string(reason));
    }
    const FlowStore::Challenge challenge = std::get<FlowStore::Challenge>(taken);
    const std::optional<Account> account = m_d.accounts.findById(challenge.accountId);
    if (!account || account->disabled)
        throw ProtocolError(ErrorCode::FlowExpired, "this login is over")
            .with("reason", std::string("unknown"));
    auto fail = [&](const ProtocolError& error, const std::string& detail) {
        m_d.audit.record("cps.verify", std::string(ErrorCodes::code(error.code())), account->id,
                         account->identifier, origin, detail);
        throw error;
    };

    const auto der = fromBase64(certificateText);
    const auto certificate = der ? CpsCertificate::parse(*der)
                                 : Expected<CpsCertificate, CertificateProblem>(
                                       Unexpected{CertificateProblem::NotDecodable});
    if (!certificate)
        fail(rejected(CertificateRejection::Malformed, "the certificate does not decode"),
             "malformed");
    const std::string identity = "subject=" + certificate->subject() +
                                 "; serial=" + certificate->serialNumber() +
                                 "; issuer=" + certificate->issuer();

    const CertificateValidator::Verdict verdict = m_d.validator.validate(*certificate);
    if (verdict.rejection)
        fail(rejected(*verdict.rejection, verdict.detail), verdict.detail + "; " + identity);

    const auto signature = fromBase64(signatureText);
    const SignatureCheck check =
        signature ? ChallengeSignature::verify(certificate->publicKeyInfo(), *algorithm, m_d.origin,
                                               challenge.nonce, *signature)
                  : SignatureCheck::Invalid;
    if (check != SignatureCheck::Valid) {
        fail(ProtocolError(ErrorCode::SignatureInvalid, "the challenge signature does not verify")
                 .with("reason", std::string(ChallengeSignature::checkCode(check))),
             std::string(ChallengeSignature::checkCode(check)) + "; " + identity);
    }

    const auto& cardHolder = certificate->nationalIdentifier();
    if (!cardHolder || !account->nationalId || cardHolder->value() != *account->nationalId)
        fail(ProtocolError(ErrorCode::CardNotBound, "this card belongs to someone else"), identity);

    m_d.audit.record("cps.verify", "ok", account->id, account->identifier, origin,
                     identity +
                         (verdict.revocationUnchecked ? "; revocation unchecked (soft-fail)" : ""));
    Completed done;
    done.accountId = account->id;
    done.ticket = m_d.tickets.issue(account->id, kMethod);
    done.displayName = account->displayName;
    done.expiresIn = m_d.settings.ticketLifetime;
    return done;
}

} // namespace dcc::server
