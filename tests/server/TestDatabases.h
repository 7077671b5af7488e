#pragma once

#include "server/store/DatabaseSettings.h"

#include <string>

namespace dcc::test {

/// Which database the server suites run on: SQLite by default, PostgreSQL when CTest runs
/// the `.postgresql` copy of a suite (DCC_TEST_DATABASE=postgresql, the private cluster's
/// connection string in the file DCC_TEST_POSTGRESQL_CONNECTION).
class TestDatabases
{
public:
    [[nodiscard]] static bool onPostgreSQL();

    /// A new empty database: the SQLite file given, or on PostgreSQL a new schema of the
    /// test cluster (the connection string selects it through search_path).
    [[nodiscard]] static dcc::server::DatabaseSettings fresh(const std::string& sqliteFile);

    /// The cluster's connection string without a schema (throws when not on PostgreSQL).
    [[nodiscard]] static std::string clusterConnection();
};

} // namespace dcc::test
