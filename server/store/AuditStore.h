#pragma once

#include "server/store/AuditEvent.h"

#include <vector>

namespace dcc::server {

class Database;

class AuditStore
{
public:
    explicit AuditStore(Database& database)
        : m_database(database)
    {}

    void append(const AuditEvent& event);
    /// The newest `count` rows, oldest first.
    std::vector<AuditEvent> tail(std::size_t count);

private:
    Database& m_database;
};

} // namespace dcc::server
