#pragma once

// The types the card layer sends through queued signals between its threads, declared to
// Qt's meta-type system in one place.

#include "common/Atr.h"

#include <QMetaType>

Q_DECLARE_METATYPE(dcc::CardType)

namespace dcc::card {

/// Registers every card-layer type used in queued connections; idempotent and cheap, called
/// by the classes that emit across threads.
void registerCardMetaTypes();

} // namespace dcc::card
