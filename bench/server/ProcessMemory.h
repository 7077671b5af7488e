#pragma once

#include <cstdint>
#include <sys/types.h>

namespace dcc::bench {

/// A process's memory as Linux reports it in /proc/PID/status, in KiB.
struct ProcessMemory
{
    std::int64_t residentKiB = 0; ///< VmRSS
    std::int64_t peakKiB = 0;     ///< VmHWM

    /// Zeros when the process is gone.
    static ProcessMemory of(pid_t pid);
};

} // namespace dcc::bench
