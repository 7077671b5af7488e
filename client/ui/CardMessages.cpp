#include "client/ui/CardMessages.h"

namespace dcc::client {

using dcc::card::CardError;
using dcc::card::PinState;

QString CardMessages::noReader()
{
    return tr("Aucun lecteur de carte détecté : branchez votre lecteur.");
}

QString CardMessages::insertCard()
{
    return tr("Insérez votre carte CPS dans le lecteur.");
}

QString CardMessages::serviceStopped()
{
    return tr("Le service de cartes à puce ne fonctionne pas sur ce poste. Contactez votre "
              "support informatique.");
}

QString CardMessages::forCard(dcc::CardType type, const QString& reader)
{
    switch (type) {
    case dcc::CardType::Cps3Contact:
        return tr("Carte CPS3 prête (%1).").arg(reader);
    case dcc::CardType::Cps4:
        return tr("Carte CPS4 prête (%1).").arg(reader);
    case dcc::CardType::Cps3Contactless:
        return tr("Carte CPS lue sans contact : insérez-la dans le lecteur à contact pour vous "
                  "connecter.");
    case dcc::CardType::Unknown:
        break;
    }
    return tr("Carte insérée (%1).").arg(reader);
}

QString CardMessages::forPinState(const PinState& state)
{
    switch (state.tries) {
    case PinState::Tries::CountLow:
        return tr("Attention : un code erroné a déjà été saisi.");
    case PinState::Tries::FinalTry:
        return tr("Dernier essai : un nouveau code erroné bloquera votre carte.");
    case PinState::Tries::Locked:
        return tr("Carte bloquée : débloquez-la avec votre code de déblocage, ou contactez votre "
                  "référent.");
    case PinState::Tries::Unknown:
        break;
    }
    return {};
}

QString CardMessages::forError(const CardError& error)
{
    switch (error.code()) {
    case CardError::Code::ServiceNotRunning:
        return serviceStopped();
    case CardError::Code::NoReaders:
        return noReader();
    case CardError::Code::NoCard:
    case CardError::Code::TokenNotPresent:
        return insertCard();
    case CardError::Code::CardRemoved:
        return tr("La carte a été retirée. Insérez-la de nouveau pour continuer.");
    case CardError::Code::SharingViolation:
        return tr("Une autre application utilise la carte. Fermez-la, puis réessayez.");
    case CardError::Code::ModuleNotFound:
        return tr("La Cryptolib CPS n'est pas installée sur ce poste. Installez-la (site de "
                  "l'ANS) ou contactez votre support informatique.");
    case CardError::Code::ModuleLoadFailed:
        return tr("La Cryptolib CPS n'a pas pu être chargée. Contactez votre support "
                  "informatique.");
    case CardError::Code::NoAuthenticationKey:
        return tr("Cette carte ne contient pas de certificat d'authentification.");
    case CardError::Code::PinIncorrect:
        return tr("Code PIN incorrect.");
    case CardError::Code::PinIncorrectFinalTry:
        return tr("Code PIN incorrect. Dernier essai : un nouveau code erroné bloquera votre "
                  "carte.");
    case CardError::Code::PinLocked:
        return tr("Carte bloquée : débloquez-la avec votre code de déblocage, ou contactez votre "
                  "référent.");
    case CardError::Code::PinInvalid:
        return tr("Le code PIN comporte 4 chiffres.");
    case CardError::Code::PinPadCancelled:
        return tr("Saisie annulée sur le lecteur.");
    case CardError::Code::Timeout:
        return tr("La carte met trop de temps à répondre. Réessayez.");
    default:
        return tr("La carte n'a pas pu être lue (%1). Retirez-la, réinsérez-la, puis réessayez.")
            .arg(QString::fromLatin1(CardError::codeName(error.code())));
    }
}

} // namespace dcc::client
