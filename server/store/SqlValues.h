#pragma once

#include <Poco/Types.h>

#include <cstdint>

namespace dcc::server::sql {

/// Times and ids as Poco::Data binds them (Poco::Int64 is `long` here, `long long`
/// elsewhere): one spelling for every store.
inline Poco::Int64 i64(std::int64_t value)
{
    return static_cast<Poco::Int64>(value);
}

} // namespace dcc::server::sql
