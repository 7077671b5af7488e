#pragma once

#include <stdexcept>

namespace dcc::server {

/// The database cannot serve the request now (locked beyond the busy timeout, read-only,
/// disk full, connection lost). Nothing was changed: the request answers 503.
class StoreUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A uniqueness or reference rule refused the change (an identifier already taken, …).
class StoreConflict : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace dcc::server
