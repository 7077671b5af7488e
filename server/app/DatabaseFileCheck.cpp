#include "server/app/DatabaseFileCheck.h"

#include <filesystem>
#include <sys/statvfs.h>
#include <unistd.h>

namespace dcc::server {

std::string DatabaseFileCheck::problemWith(const std::string& sqlitePath)
{
    namespace fs = std::filesystem;
    const fs::path file(sqlitePath);
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::error_code error;
    if (!fs::is_directory(folder, error))
        return folder.string() + " does not exist";

    struct statvfs volume
    {};
    if (::statvfs(folder.c_str(), &volume) == 0) {
        if ((volume.f_flag & ST_RDONLY) != 0)
            return folder.string() + " is on a read-only file system";
        if (volume.f_bavail == 0)
            return "no space left on the file system of " + folder.string();
    }
    // SQLite writes the file and, next to it, its -wal and -shm files: both need writing.
    if (::access(folder.c_str(), W_OK) != 0)
        return folder.string() + " is not writable";
    if (fs::exists(file, error) && ::access(file.c_str(), W_OK) != 0)
        return sqlitePath + " is not writable";
    return {};
}

} // namespace dcc::server
