#pragma once

#include "server/store/DatabaseSettings.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace dcc::bench {

/// Fills a server database before a run, through the server's own store classes: many
/// accounts sharing one password (hashed once: hashing thousands of passwords would take
/// minutes and measure nothing), accounts bound to the test PKI's CPS cards, and launch
/// tickets for the /launch benchmark. Run while the server is stopped.
class BenchSeeder
{
public:
    struct Account
    {
        std::string identifier;
        std::string email;
        std::string nationalId; ///< empty: no card bound
    };

    explicit BenchSeeder(std::filesystem::path database);

    /// The OTP accounts of a run: b.bench1 … b.benchN, mail bench<i>@bench.invalid.
    static std::vector<Account> otpAccounts(std::size_t count);

    /// Creates the accounts (all or nothing), each with the Argon2id hash of `password`
    /// made with the given parameters.
    void createAccounts(const std::vector<Account>& accounts, const std::string& password,
                        std::uint32_t memoryKiB, std::uint32_t iterations);

    /// Issues `count` launch tickets for the account `identifier`, valid `lifetimeSeconds`;
    /// returns their texts.
    std::vector<std::string> issueTickets(const std::string& identifier, std::size_t count,
                                          int lifetimeSeconds);

private:
    [[nodiscard]] server::DatabaseSettings settings() const;

    std::filesystem::path m_database;
};

} // namespace dcc::bench
