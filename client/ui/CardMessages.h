#pragma once

#include "client/card/CardError.h"
#include "client/card/PinState.h"
#include "common/Atr.h"

#include <QCoreApplication>
#include <QString>

namespace dcc::client {

/// The user's words for the card layer: what the reader and card are doing, why the card
/// refused, and what the PIN state means (the guide's "dernier essai", "carte bloquée").
class CardMessages
{
    Q_DECLARE_TR_FUNCTIONS(CardMessages)

public:
    static QString forError(const dcc::card::CardError& error);
    static QString forPinState(const dcc::card::PinState& state);
    static QString forCard(dcc::CardType type, const QString& reader);
    static QString noReader();
    static QString insertCard();
    static QString serviceStopped();
};

} // namespace dcc::client
