#include "bench/server/ProcessMemory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace dcc::bench {

ProcessMemory ProcessMemory::of(pid_t pid)
{
    ProcessMemory memory;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        std::istringstream fields(line);
        std::string key;
        std::int64_t value = 0;
        fields >> key >> value;
        if (key == "VmRSS:")
            memory.residentKiB = value;
        else if (key == "VmHWM:")
            memory.peakKiB = value;
    }
    return memory;
}

} // namespace dcc::bench
