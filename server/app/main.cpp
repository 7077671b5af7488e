#include "server/app/DccLoginServer.h"

// Thin on purpose: everything testable lives in the libraries.
POCO_SERVER_MAIN(dcc::server::DccLoginServer)
