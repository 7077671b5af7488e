#include "client/backend/LoginBackend.h"

namespace dcc::client {

// Out of line: one vtable, in the shared library that both the executable and the module use.
LoginBackend::~LoginBackend() = default;

} // namespace dcc::client
