#pragma once

#include <string>

namespace dcc::server {

/// Why an SQLite database file cannot be used, in words an administrator acts on. SQLite
/// itself only says "unable to open database file" or "attempt to write a readonly
/// database", whatever the cause; the server adds this to its start-up error.
class DatabaseFileCheck
{
public:
    /// "<folder> is on a read-only file system", "<folder> is not writable", "no space left
    /// on the file system of <folder>", "<folder> does not exist"; empty when none of these
    /// explains the failure.
    [[nodiscard]] static std::string problemWith(const std::string& sqlitePath);
};

} // namespace dcc::server
