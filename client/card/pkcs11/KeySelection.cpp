#include "client/card/pkcs11/KeySelection.h"

namespace dcc::card {

bool KeySelection::isLoginUsage(const dcc::KeyUsage& usage)
{
    return usage.declared && usage.digitalSignature && !usage.nonRepudiation;
}

std::optional<qsizetype> KeySelection::chooseCertificate(const QList<Certificate>& certificates,
                                                         const QList<Key>& keys)
{
    const auto certificateWithId =
        [&certificates](const QByteArray& id) -> std::optional<qsizetype> {
        for (qsizetype i = 0; i < certificates.size(); ++i) {
            if (certificates[i].id == id)
                return i;
        }
        return std::nullopt;
    };
    const auto isSignatureCertificate = [](const Certificate& c) {
        return c.keyUsage.declared && c.keyUsage.nonRepudiation;
    };

    // 1. Cryptolib's label for the authentication key, as long as its certificate is not a
    //    signature (nonRepudiation) certificate: a mislabelled token must not sign with
    //    the legally binding key.
    for (const Key& key : keys) {
        if (key.label != QLatin1String(kAuthenticationKeyLabel))
            continue;
        const auto index = certificateWithId(key.id);
        if (index && certificates[*index].decodable &&
            !isSignatureCertificate(certificates[*index]))
            return index;
    }

    // 2. The certificate says what the key is for. When keys are visible, the certificate
    //    needs a key of its own that is not the signature key.
    for (qsizetype i = 0; i < certificates.size(); ++i) {
        const Certificate& certificate = certificates[i];
        if (!certificate.decodable || !isLoginUsage(certificate.keyUsage))
            continue;
        if (keys.isEmpty())
            return i;
        const bool hasKey = std::any_of(keys.cbegin(), keys.cend(), [&certificate](const Key& k) {
            return k.id == certificate.id && k.label != QLatin1String(kSignatureKeyLabel);
        });
        if (hasKey)
            return i;
    }
    return std::nullopt;
}

std::optional<qsizetype> KeySelection::chooseKey(const QList<Key>& keysWithId)
{
    std::optional<qsizetype> chosen;
    for (qsizetype i = 0; i < keysWithId.size(); ++i) {
        const QString& label = keysWithId[i].label;
        if (label == QLatin1String(kSignatureKeyLabel))
            continue;
        if (label == QLatin1String(kAuthenticationKeyLabel))
            return i;
        if (!chosen)
            chosen = i;
    }
    return chosen;
}

} // namespace dcc::card
