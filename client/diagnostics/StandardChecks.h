#pragma once

#include "client/diagnostics/DiagnosticsRunner.h"

namespace dcc::diagnostics {

/// The checks of the window and of `dcc-login --diagnose`, in report order.
class StandardChecks
{
public:
    static DiagnosticsRunner::Checks all();
};

} // namespace dcc::diagnostics
