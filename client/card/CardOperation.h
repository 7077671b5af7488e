#pragma once

#include <QMetaType>

namespace dcc::card {

/// Which request of the card service a failure answers.
enum class CardOperation
{
    Discover, ///< CardService::discoverToken()
    Sign,     ///< CardService::signChallenge()
};

} // namespace dcc::card

Q_DECLARE_METATYPE(dcc::card::CardOperation)
