#include "server/app/DccLoginServer.h"

#include <iostream> // POCO_SERVER_MAIN reports uncaught exceptions on std::cerr

// Thin on purpose: everything testable lives in the libraries.
POCO_SERVER_MAIN(dcc::server::DccLoginServer)
