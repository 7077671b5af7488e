#include "client/diagnostics/Pkcs11Check.h"

#include "client/card/CardException.h"
#include "client/card/CardHolder.h"
#include "client/card/HolderFromCertificate.h"
#include "client/card/PinState.h"
#include "client/card/pkcs11/ModuleLocator.h"
#include "client/card/pkcs11/Pkcs11Inventory.h"
#include "client/card/pkcs11/Pkcs11Module.h"
#include "client/diagnostics/ModuleArchitecture.h"
#include "common/CpsCertificate.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>

#include <memory>

namespace dcc::diagnostics {

namespace {

using Status = DiagnosticFinding::Status;

// CKF_* token flags shown in the report (PKCS#11 values; this folder has no pkcs11.h).
constexpr quint64 kTokenInitialized = 0x00000400;
constexpr quint64 kLoginRequired = 0x00000004;
constexpr quint64 kProtectedAuthenticationPath = 0x00000100;

QDateTime toDateTime(dcc::CpsCertificate::TimePoint when)
{
    return QDateTime::fromSecsSinceEpoch(when.time_since_epoch().count(), Qt::UTC);
}

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

QString Pkcs11Check::title() const
{
    return tr("Modules PKCS#11 et carte");
}

QList<DiagnosticFinding> Pkcs11Check::run(const DiagnosticContext& context)
{
    QList<DiagnosticFinding> findings;

    bool usableToken = false;
    const dcc::card::ModuleReport candidates =
        dcc::card::ModuleLocator(context.modules).candidates();
    for (const dcc::card::ModuleProbe& candidate : candidates) {
        DiagnosticFinding module =
            finding(QStringLiteral("pkcs11.module"), candidate.path.isEmpty()
                                                         ? tr("Module configuré")
                                                         : tr("Module %1").arg(candidate.path));
        QJsonObject data{
            {QStringLiteral("step"),
             QString::fromLatin1(dcc::card::ModuleProbe::stepCode(candidate.step))},
            {QStringLiteral("path"), candidate.path},
            {QStringLiteral("present"),
             !candidate.path.isEmpty() && QFileInfo::exists(candidate.path)},
            {QStringLiteral("loadable"), QJsonValue(QJsonValue::Null)},
            {QStringLiteral("outcome"),
             QString::fromLatin1(dcc::card::ModuleProbe::outcomeCode(candidate.outcome))},
        };
        const bool configured = candidate.step == dcc::card::ModuleStep::Configured;
        switch (candidate.outcome) {
        case dcc::card::ModuleOutcome::NotConfigured:
            module.status = Status::NotApplicable;
            module.detail = tr("Aucun module n'est imposé : DCC Login cherche les modules "
                               "habituels dans l'ordre.");
            break;
        case dcc::card::ModuleOutcome::NotFound:
            module.status = configured ? Status::Error : Status::NotApplicable;
            module.detail = tr("Aucun fichier à cet emplacement.");
            if (configured)
                module.advice = tr("Corrigez le chemin du module dans les réglages (ou la "
                                   "stratégie), ou installez la Cryptolib CPS.");
            break;
        case dcc::card::ModuleOutcome::Duplicate:
            module.status = Status::NotApplicable;
            module.detail = tr("Même fichier qu'un module déjà examiné.");
            break;
        case dcc::card::ModuleOutcome::Skipped:
            module.status = Status::NotApplicable;
            module.detail = tr("Module de confiance de p11-kit, sans clé : ignoré.");
            break;
        default: {
            std::shared_ptr<dcc::card::Pkcs11Module> loaded;
            try {
                loaded = dcc::card::Pkcs11Module::load(candidate.path);
            } catch (const dcc::card::CardException& e) {
                const auto bits = ModuleArchitecture::ofFile(candidate.path);
                const auto own = ModuleArchitecture::ofProcess();
                data.insert(QStringLiteral("loadable"), false);
                data.insert(QStringLiteral("architecture"), ModuleArchitecture::code(bits));
                data.insert(QStringLiteral("process_architecture"), ModuleArchitecture::code(own));
                data.insert(QStringLiteral("error"), e.error().detail().isEmpty()
                                                         ? e.error().description()
                                                         : e.error().detail());
                module.status = Status::Error;
                if (bits != ModuleArchitecture::Bits::Unknown && bits != own) {
                    data.insert(QStringLiteral("architecture_mismatch"), true);
                    module.detail =
                        tr("Module %1 bits, application %2 bits : il ne peut pas "
                           "être chargé.")
                            .arg(ModuleArchitecture::code(bits), ModuleArchitecture::code(own));
                    module.advice = tr("Installez la Cryptolib CPS de la même architecture que "
                                       "DCC Login (%1 bits).")
                                        .arg(ModuleArchitecture::code(own));
                } else {
                    data.insert(QStringLiteral("architecture_mismatch"), false);
                    module.detail = tr("Le fichier ne se charge pas comme module PKCS#11 : %1")
                                        .arg(data.value(QStringLiteral("error")).toString());
                    module.advice = tr("Vérifiez que ce chemin désigne bien le module PKCS#11 "
                                       "de la Cryptolib CPS, et réinstallez-la au besoin.");
                }
                break;
            }
            data.insert(QStringLiteral("loadable"), true);
            data.insert(QStringLiteral("info"), loaded->description());
            module.detail = tr("Chargé : %1").arg(loaded->description());
            module.data = data;
            findings << module;
            try {
                const auto slotList = dcc::card::Pkcs11Inventory::slotsOf(*loaded);
                for (const auto& slot : slotList) {
                    if (!slot.tokenPresent)
                        continue;
                    const QList<DiagnosticFinding> tokenFindings =
                        describeToken(candidate.path, slot, usableToken);
                    findings += tokenFindings;
                }
            } catch (const dcc::card::CardException& e) {
                DiagnosticFinding slotFinding =
                    finding(QStringLiteral("pkcs11.slots"), tr("Lecteurs vus par le module"));
                slotFinding.status = Status::Error;
                slotFinding.detail = e.error().description();
                findings << slotFinding;
            }
            continue;
        }
        }
        module.data = data;
        findings << module;
    }

    DiagnosticFinding selection =
        finding(QStringLiteral("pkcs11.selection"), tr("Carte utilisable"));
    selection.data = QJsonObject{{QStringLiteral("usable_token"), usableToken}};
    if (usableToken) {
        selection.detail = tr("Au moins une carte porte une clé d'authentification utilisable.");
    } else {
        selection.status = Status::Error;
        selection.detail = tr("Aucun module ne présente de carte avec une clé "
                              "d'authentification.");
        selection.advice = tr("Insérez la carte CPS, vérifiez le lecteur et l'installation de "
                              "la Cryptolib CPS.");
    }
    findings << selection;
    return findings;
}

QList<DiagnosticFinding> Pkcs11Check::describeToken(const QString& modulePath,
                                                    const dcc::card::Pkcs11Inventory::Slot& slot,
                                                    bool& usable) const
{
    QList<DiagnosticFinding> findings;
    const auto base = [this, &modulePath, &slot](const QString& id, const QString& title) {
        DiagnosticFinding f = finding(id, title);
        f.data = QJsonObject{{QStringLiteral("module"), modulePath},
                             {QStringLiteral("slot_id"), static_cast<qint64>(slot.id)},
                             {QStringLiteral("token_label"), slot.label}};
        return f;
    };

    const dcc::card::PinState pin = dcc::card::PinState::fromTokenFlags(slot.tokenFlags);
    DiagnosticFinding token =
        base(QStringLiteral("pkcs11.token"), tr("Carte « %1 »").arg(slot.label));
    token.data.insert(QStringLiteral("slot_description"), slot.description);
    token.data.insert(QStringLiteral("model"), slot.model);
    token.data.insert(QStringLiteral("serial_number"), slot.serialNumber);
    token.data.insert(QStringLiteral("manufacturer"), slot.manufacturer);
    token.data.insert(QStringLiteral("flags"),
                      QStringLiteral("0x%1").arg(slot.tokenFlags, 8, 16, QLatin1Char('0')));
    token.data.insert(QStringLiteral("initialized"), (slot.tokenFlags & kTokenInitialized) != 0);
    token.data.insert(QStringLiteral("login_required"), (slot.tokenFlags & kLoginRequired) != 0);
    token.data.insert(QStringLiteral("pin_pad"),
                      (slot.tokenFlags & kProtectedAuthenticationPath) != 0);
    token.data.insert(QStringLiteral("pin_state"),
                      QString::fromLatin1(dcc::card::PinState::triesCode(pin.tries)));
    token.data.insert(QStringLiteral("pin_to_be_changed"), pin.toBeChanged);
    const QString identity = tr("modèle %1, n° de série %2, lecteur « %3 »")
                                 .arg(slot.model, slot.serialNumber, slot.description);
    switch (pin.tries) {
    case dcc::card::PinState::Tries::Unknown:
        token.detail = tr("Code PIN en état normal ; %1.").arg(identity);
        break;
    case dcc::card::PinState::Tries::CountLow:
        token.status = Status::Warning;
        token.detail = tr("Un code PIN faux a déjà été saisi ; %1.").arg(identity);
        token.advice = tr("Faites vérifier le code PIN avant de réessayer.");
        break;
    case dcc::card::PinState::Tries::FinalTry:
        token.status = Status::Warning;
        token.detail =
            tr("Dernier essai : un code PIN faux de plus bloquera la carte ; %1.").arg(identity);
        token.advice = tr("Ne réessayez qu'avec un code PIN certain.");
        break;
    case dcc::card::PinState::Tries::Locked:
        token.status = Status::Error;
        token.detail = tr("Le code PIN est bloqué ; %1.").arg(identity);
        token.advice = tr("Débloquez la carte avec le code PUK (outils de l'ANS) ou demandez une "
                          "nouvelle carte.");
        break;
    }
    if (!slot.tokenInitialized) {
        // A blank token (SoftHSM's spare slot, a card never personalised) cannot log in and
        // hides nothing: shown, but not counted against the workstation.
        token.status = Status::NotApplicable;
        token.detail = tr("Carte vierge (non initialisée) ; %1.").arg(identity);
        findings << token;
        return findings;
    }
    if (!slot.problem.isEmpty()) {
        token.status = Status::Error;
        token.data.insert(QStringLiteral("error"), slot.problem);
        token.detail += QLatin1Char('\n') + tr("Lecture incomplète : %1").arg(slot.problem);
    }
    findings << token;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool haveAuthentication = false;
    bool tokenUsable = false;
    dcc::PublicKeyType authenticationKey = dcc::PublicKeyType::Other;
    for (const auto& stored : slot.certificates) {
        const auto parsed = dcc::CpsCertificate::parse(
            dcc::ByteView(reinterpret_cast<const std::uint8_t*>(stored.der.constData()),
                          static_cast<std::size_t>(stored.der.size())));
        if (!parsed || parsed->isCertificateAuthority())
            continue;
        const bool authentication = parsed->isAuthenticationCertificate();
        const bool signature = parsed->keyUsage().nonRepudiation;
        if (!authentication && !signature)
            continue;
        const dcc::card::CardHolder holder = dcc::card::holderFromCertificate(*parsed);
        const QDateTime notBefore = toDateTime(parsed->notBefore());
        const QDateTime notAfter = toDateTime(parsed->notAfter());
        const auto daysLeft = now.daysTo(notAfter);
        DiagnosticFinding certificate = base(QStringLiteral("pkcs11.certificate"),
                                             authentication ? tr("Certificat d'authentification")
                                                            : tr("Certificat de signature"));
        certificate.data.insert(QStringLiteral("usage"), authentication
                                                             ? QStringLiteral("authentication")
                                                             : QStringLiteral("signature"));
        certificate.data.insert(QStringLiteral("label"), stored.label);
        certificate.data.insert(QStringLiteral("id"), QString::fromLatin1(stored.id.toHex()));
        certificate.data.insert(QStringLiteral("holder"), holder.displayName());
        certificate.data.insert(QStringLiteral("profession"), holder.profession);
        certificate.data.insert(QStringLiteral("national_identifier"), holder.nationalIdentifier);
        certificate.data.insert(QStringLiteral("subject"), fromStd(parsed->subject()));
        certificate.data.insert(QStringLiteral("issuer"), fromStd(parsed->issuer()));
        certificate.data.insert(QStringLiteral("serial_number"), fromStd(parsed->serialNumber()));
        certificate.data.insert(QStringLiteral("not_before"), notBefore.toString(Qt::ISODate));
        certificate.data.insert(QStringLiteral("not_after"), notAfter.toString(Qt::ISODate));
        certificate.data.insert(QStringLiteral("days_left"), daysLeft);
        certificate.detail =
            tr("%1 (%2), émis par %3, valide jusqu'au %4 (%n jour(s)).", nullptr,
               static_cast<int>(daysLeft))
                .arg(holder.displayName(), holder.nationalIdentifier, fromStd(parsed->issuer()),
                     notAfter.toString(QStringLiteral("dd/MM/yyyy")));
        if (now > notAfter) {
            certificate.status = Status::Error;
            certificate.detail = tr("Certificat expiré depuis le %1.")
                                     .arg(notAfter.toString(QStringLiteral("dd/MM/yyyy")));
            certificate.advice = tr("Commandez une nouvelle carte CPS auprès de l'ANS.");
        } else if (now < notBefore) {
            certificate.status = Status::Error;
            certificate.detail = tr("Certificat pas encore valide (à partir du %1).")
                                     .arg(notBefore.toString(QStringLiteral("dd/MM/yyyy")));
            certificate.advice = tr("Vérifiez la date et l'heure du poste.");
        } else if (daysLeft < kExpiryWarningDays) {
            certificate.status = Status::Warning;
            certificate.advice = tr("Le certificat expire bientôt : commandez le renouvellement "
                                    "de la carte.");
        }
        findings << certificate;
        if (authentication && !haveAuthentication) {
            haveAuthentication = true;
            authenticationKey = parsed->publicKeyType();
            if (certificate.status != Status::Error &&
                pin.tries != dcc::card::PinState::Tries::Locked)
                tokenUsable = true;
        }
    }
    if (!haveAuthentication) {
        DiagnosticFinding missing =
            base(QStringLiteral("pkcs11.certificate"), tr("Certificat d'authentification"));
        missing.status = Status::Error;
        missing.data.insert(QStringLiteral("usage"), QStringLiteral("authentication"));
        missing.detail = tr("Cette carte ne porte pas de certificat d'authentification.");
        missing.advice = tr("Utilisez une carte CPS (ou e-CPS) personnelle.");
        findings << missing;
    }

    DiagnosticFinding mechanisms =
        base(QStringLiteral("pkcs11.mechanisms"), tr("Signature de connexion"));
    mechanisms.data.insert(QStringLiteral("sign_mechanisms"),
                           QJsonArray::fromStringList(slot.signMechanisms));
    const bool rsa = authenticationKey == dcc::PublicKeyType::Rsa;
    const bool ec = authenticationKey == dcc::PublicKeyType::Ec;
    const QString needed = rsa  ? QStringLiteral("CKM_RSA_PKCS")
                           : ec ? QStringLiteral("CKM_ECDSA")
                                : QString();
    mechanisms.data.insert(QStringLiteral("required"), needed);
    const bool canSign = (rsa && slot.canSignRsaPkcs) || (ec && slot.canSignEcdsa);
    mechanisms.data.insert(QStringLiteral("can_sign"), canSign);
    if (!haveAuthentication) {
        mechanisms.status = Status::NotApplicable;
        mechanisms.detail = tr("Sans clé d'authentification, rien à vérifier.");
    } else if (canSign) {
        mechanisms.detail = tr("La clé d'authentification peut signer avec %1.").arg(needed);
    } else {
        tokenUsable = false;
        mechanisms.status = Status::Error;
        mechanisms.detail = needed.isEmpty()
                                ? tr("La clé d'authentification n'est ni RSA ni EC P-256.")
                                : tr("Le module n'annonce pas %1 pour signer.").arg(needed);
        mechanisms.advice = tr("Mettez à jour la Cryptolib CPS.");
    }
    findings << mechanisms;
    usable = usable || tokenUsable;
    return findings;
}

} // namespace dcc::diagnostics
