#include "client/backend/CpsLogin.h"

namespace dcc::client {

CpsLogin::~CpsLogin() = default;

} // namespace dcc::client
