#pragma once

#include "server/store/Database.h"

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>

namespace dcc::server {

/// Moves a whole database between installations and drivers (SQLite → PostgreSQL when one
/// server becomes several): every table except the migration log, as JSON Lines — a
/// header line, then one line per row, parents before children.
class DatabaseTransfer
{
public:
    /// The file cannot be imported (wrong format, other schema version, unknown table,
    /// target not empty); nothing was written.
    class Refused : public std::runtime_error
    {
    public:
        using std::runtime_error::runtime_error;
    };

    struct Counts
    {
        std::int64_t rows = 0;
        std::int64_t accounts = 0;
    };

    explicit DatabaseTransfer(Database& database)
        : m_database(database)
    {}

    /// Writes every row, read in one transaction so that the copy is consistent.
    Counts exportTo(std::ostream& out);
    /// Loads an export into this database, which must be empty (no account, no audit
    /// row), in one transaction: all of it or nothing.
    Counts importFrom(std::istream& in);

private:
    Database& m_database;
};

} // namespace dcc::server
