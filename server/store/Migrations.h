#pragma once

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
};

} // namespace dcc::server
