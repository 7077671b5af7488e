#pragma once

#include <string>

namespace dcc::server {

class Database;

/// Facts every instance on one database must agree on, kept in the database itself.
class ServerSettingStore
{
public:
    explicit ServerSettingStore(Database& database)
        : m_database(database)
    {}

    /// Stores `value` under `name` unless a value is there already; returns the value
    /// that holds now (the first instance's). Atomic across instances.
    std::string claim(const std::string& name, const std::string& value);

private:
    Database& m_database;
};

} // namespace dcc::server
