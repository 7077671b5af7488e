#pragma once

#include "server/store/DatabaseSettings.h"

#include <string>
#include <vector>

namespace dcc::server {

/// The versioned schema. A migration is never edited once released: changes come as a
/// new version. Each runs in its own transaction with its version row, so that a crash
/// or a second instance starting at the same moment never leaves half a schema.
struct Migration
{
    int version;
    std::string description;
    std::vector<std::string> statements;
};

class Migrations
{
public:
    static const std::vector<Migration>& all();
    static int latestVersion();

    /// The statement as the driver spells it: `{auto_id}` is the one thing the two
    /// dialects write differently (a generated 64-bit key; SQLite's rowid alias).
    static std::string forDriver(const std::string& statement, SqlDriver driver);
};

} // namespace dcc::server
