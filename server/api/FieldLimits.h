#pragma once

#include <cstddef>

namespace dcc::server::limits {

// Upper bounds of request fields, far above any legitimate value, so that nothing
// unbounded reaches Argon2id, the database or the logs.
inline constexpr std::size_t kIdentifier = 256;
inline constexpr std::size_t kPassword = 1024;
inline constexpr std::size_t kToken = 128;
inline constexpr std::size_t kCode = 64;

} // namespace dcc::server::limits
