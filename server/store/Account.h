#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

/// An account as stored. The identifier is normalised (common/Identifier); the password
/// hash is an Argon2id PHC string, absent for an account imported without a password
/// (its owner sets one through "Mot de passe oublié ?").
struct Account
{
    std::int64_t id = 0;
    std::string identifier;
    std::string email;
    std::string displayName;
    std::optional<std::string> nationalId;
    std::optional<std::string> passwordHash;
    bool disabled = false;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

/// What it takes to create an account.
struct NewAccount
{
    std::string identifier;
    std::string email;
    std::string displayName;
    std::optional<std::string> nationalId;
    std::optional<std::string> passwordHash;
};

} // namespace dcc::server
