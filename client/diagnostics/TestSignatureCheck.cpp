#include "client/diagnostics/TestSignatureCheck.h"

#include "client/card/CardException.h"
#include "client/card/pkcs11/TokenDiscovery.h"
#include "common/ChallengeSignature.h"
#include "common/CpsCertificate.h"
#include "common/CpsChallenge.h"

#include <QRandomGenerator>

namespace dcc::diagnostics {

namespace {

// Never a real server's origin: the signature cannot be replayed against a login.
constexpr std::string_view kOrigin = "https://diagnostic.invalid";

dcc::ByteView view(const QByteArray& bytes)
{
    return {reinterpret_cast<const std::uint8_t*>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

} // namespace

TestSignatureCheck::TestSignatureCheck(QByteArray pin)
    : m_pin(std::move(pin))
{}

TestSignatureCheck::~TestSignatureCheck()
{
    m_pin.fill('\0');
    m_pin.clear();
}

QString TestSignatureCheck::title() const
{
    return tr("Signature de test");
}

QList<DiagnosticFinding> TestSignatureCheck::run(const DiagnosticContext& context)
{
    DiagnosticFinding finding;
    finding.id = id();
    finding.group = group();
    finding.title = title();

    const auto discovery =
        dcc::card::TokenDiscovery(dcc::card::ModuleLocator(context.modules)).discover();
    if (!discovery.token) {
        finding.status = DiagnosticFinding::Status::Error;
        finding.detail = tr("Aucune carte utilisable pour la signature de test.");
        finding.advice = tr("Corrigez d'abord les erreurs des modules PKCS#11 et de la carte.");
        m_pin.fill('\0');
        return {finding};
    }
    const dcc::card::TokenInfo& token = *discovery.token;
    finding.data = QJsonObject{{QStringLiteral("module"), token.modulePath},
                               {QStringLiteral("token_label"), token.label}};
    const QByteArray nonce = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    const std::string nonceText = nonce.toStdString();
    try {
        const dcc::card::Pkcs11Token signer(discovery.module, token.slotId);
        const dcc::card::SignatureResult result =
            signer.signChallenge(token, dcc::CpsChallenge::digest(kOrigin, nonceText), m_pin);
        const auto certificate = dcc::CpsCertificate::parse(view(result.certificateDer));
        const dcc::SignatureCheck check =
            certificate
                ? dcc::ChallengeSignature::verify(dcc::ByteView(certificate->publicKeyInfo()),
                                                  result.algorithm, kOrigin, nonceText,
                                                  view(result.signature))
                : dcc::SignatureCheck::MalformedKey;
        const std::string_view code = dcc::ChallengeSignature::checkCode(check);
        finding.data.insert(QStringLiteral("algorithm"), result.algorithmName());
        finding.data.insert(QStringLiteral("verification"),
                            QString::fromLatin1(code.data(), static_cast<qsizetype>(code.size())));
        if (check == dcc::SignatureCheck::Valid) {
            finding.detail =
                tr("La carte a signé (%1) et la signature est valide.").arg(result.algorithmName());
        } else {
            finding.status = DiagnosticFinding::Status::Error;
            finding.detail = tr("La carte a signé, mais la signature ne se vérifie pas avec "
                                "son certificat.");
            finding.advice = tr("Mettez à jour la Cryptolib CPS ; si cela persiste, la carte "
                                "est à remplacer.");
        }
    } catch (const dcc::card::CardException& e) {
        finding.status = DiagnosticFinding::Status::Error;
        finding.data.insert(QStringLiteral("error"),
                            QString::fromLatin1(dcc::card::CardError::codeName(e.error().code())));
        finding.data.insert(
            QStringLiteral("pin_state"),
            QString::fromLatin1(dcc::card::PinState::triesCode(e.error().pinState().tries)));
        finding.detail = tr("La signature de test a échoué : %1").arg(e.error().description());
        finding.advice = tr("Vérifiez le code PIN ; attention, chaque code faux rapproche du "
                            "blocage de la carte.");
    }
    m_pin.fill('\0');
    m_pin.clear();
    return {finding};
}

} // namespace dcc::diagnostics
