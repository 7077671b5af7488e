#include "client/ui/ErrorMessages.h"

#include <QJsonArray>

namespace dcc::client {

namespace {

QString ruleText(const QString& rule)
{
    if (rule == "min_length")
        return ErrorMessages::tr("au moins 8 caractères");
    if (rule == "uppercase")
        return ErrorMessages::tr("au moins 1 lettre majuscule");
    if (rule == "lowercase")
        return ErrorMessages::tr("au moins 1 lettre minuscule");
    if (rule == "digit_or_special")
        return ErrorMessages::tr("au moins 1 chiffre ou 1 caractère spécial");
    if (rule == "max_length")
        return ErrorMessages::tr("au plus 128 caractères");
    if (rule == "not_identifier")
        return ErrorMessages::tr("différent de l'identifiant");
    return rule;
}

} // namespace

QString ErrorMessages::forError(const ApiError& error)
{
    switch (error.kind()) {
    case ApiError::Kind::Network:
        return tr("Le serveur DCC Login ne répond pas. Vérifiez votre connexion au réseau, puis "
                  "réessayez.");
    case ApiError::Kind::Tls:
        return tr("La connexion sécurisée au serveur a échoué : son certificat n'est pas reconnu. "
                  "Contactez le référent RCP de votre organisation.");
    case ApiError::Kind::Timeout:
        return tr("Le serveur met trop de temps à répondre. Réessayez dans un instant.");
    case ApiError::Kind::Canceled:
        return tr("Opération annulée.");
    case ApiError::Kind::BadAnswer:
        return tr("Le serveur a donné une réponse inattendue. Réessayez plus tard.");
    case ApiError::Kind::Protocol:
        break;
    }
    const int retryAfter = error.body().value("retry_after").toInt();
    const int attemptsLeft = error.body().value("attempts_left").toInt();
    switch (error.code().value_or(ErrorCode::InternalError)) {
    case ErrorCode::InvalidCredentials:
        return tr("Identifiant ou mot de passe incorrect.");
    case ErrorCode::RateLimited:
        return tr("Trop de tentatives. Réessayez dans %1 s.").arg(retryAfter);
    case ErrorCode::FlowExpired:
        return tr("Cette connexion a expiré. Saisissez de nouveau votre identifiant et votre mot "
                  "de passe.");
    case ErrorCode::InvalidCode:
        return tr("Code incorrect. Essais restants : %1.").arg(attemptsLeft);
    case ErrorCode::CodeExpired:
        return tr("Ce code a expiré (il est valable 10 minutes). Cliquez sur « Recevoir un "
                  "nouveau code ».");
    case ErrorCode::TooManyAttempts:
        return tr("Trop de codes incorrects : ce code ne peut plus servir. Cliquez sur « Recevoir "
                  "un nouveau code ».");
    case ErrorCode::MailUnavailable:
        return tr("Le code n'a pas pu être envoyé par e-mail. Réessayez dans quelques minutes.");
    case ErrorCode::CertificateRejected:
        return tr("Le certificat de votre carte CPS a été refusé (%1). Contactez le référent RCP "
                  "de votre organisation.")
            .arg(error.body().value("reason").toString());
    case ErrorCode::SignatureInvalid:
        return tr("La signature de votre carte CPS n'a pas pu être vérifiée. Réessayez.");
    case ErrorCode::CardNotBound:
        return tr("Cette carte CPS n'est pas associée à votre compte. Contactez le référent RCP "
                  "de votre organisation.");
    case ErrorCode::PasswordPolicy: {
        QStringList rules;
        for (const QJsonValue& rule : error.body().value("rules").toArray())
            rules << ruleText(rule.toString());
        return tr("Le mot de passe doit contenir : %1.").arg(rules.join(", "));
    }
    case ErrorCode::TokenExpired:
        return tr("Ce lien de réinitialisation n'est plus valable. Demandez-en un nouveau.");
    case ErrorCode::ServiceUnavailable:
        return tr("Le service est momentanément indisponible. Réessayez dans quelques minutes.");
    case ErrorCode::RequestTimeout:
        return tr("Votre demande n'est pas arrivée en entier au serveur : la connexion réseau est "
                  "trop lente ou a été interrompue. Réessayez.");
    default:
        return tr("Une erreur est survenue (%1). Si elle persiste, contactez le référent RCP de "
                  "votre organisation.")
            .arg(error.codeString());
    }
}

} // namespace dcc::client
