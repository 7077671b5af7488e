#pragma once

#include <cstddef>

namespace dcc::server::limits {

// Upper bounds of request fields, far above any legitimate value, so that nothing
// unbounded reaches Argon2id, the database or the logs.
inline constexpr std::size_t kIdentifier = 256;
inline constexpr std::size_t kPassword = 1024;
inline constexpr std::size_t kToken = 128;
inline constexpr std::size_t kCode = 64;
inline constexpr std::size_t kCertificate = 16 * 1024; ///< base64 DER; CPS certificates are ~2 KiB
inline constexpr std::size_t kSignature = 2048;        ///< base64; RSA 4096 is 684 characters
inline constexpr std::size_t kAlgorithm = 16;

} // namespace dcc::server::limits
