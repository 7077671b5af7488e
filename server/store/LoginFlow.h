#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

/// A login in progress, between the password step and the second factor. The flow id the
/// client holds is never stored, only its hash; so is the code.
struct LoginFlow
{
    enum class State
    {
        Pending,
        Done,
    };

    std::string idHash;
    std::int64_t accountId = 0;
    std::string method; ///< "otp" or "cps"
    State state = State::Pending;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    std::string clientAddress;
    std::optional<std::string> codeHash;
    std::int64_t codeExpiresAt = 0;
    std::int64_t codeSentAt = 0;
    int codeAttempts = 0;
    std::optional<std::string> nonce;
};

} // namespace dcc::server
