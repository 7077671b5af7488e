#include "client/backend/CardEvents.h"

namespace dcc::client {

CardEvents::~CardEvents() = default;

} // namespace dcc::client
