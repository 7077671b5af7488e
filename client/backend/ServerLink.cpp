#include "client/backend/ServerLink.h"

namespace dcc::client {

// Out of line: one vtable, in the shared library that both the executable and the backend
// module use.
ServerLink::~ServerLink() = default;

} // namespace dcc::client
