#include "client/backend/OtpLogin.h"

namespace dcc::client {

OtpLogin::~OtpLogin() = default;

} // namespace dcc::client
