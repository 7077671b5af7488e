#include "client/backend/ServerCall.h"

namespace dcc::client {

// Out of line: the class's vtable and meta-object live in the shared library only.
ServerCall::~ServerCall() = default;

} // namespace dcc::client
