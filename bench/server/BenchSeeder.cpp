#include "bench/server/BenchSeeder.h"

#include "server/auth/AuthSettings.h"
#include "server/auth/Clock.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/PasswordHasher.h"
#include "server/store/AccountStore.h"
#include "server/store/Database.h"
#include "server/store/TicketStore.h"

#include <stdexcept>

namespace dcc::bench {

BenchSeeder::BenchSeeder(std::filesystem::path database)
    : m_database(std::move(database))
{}

server::DatabaseSettings BenchSeeder::settings() const
{
    server::DatabaseSettings settings;
    settings.location = m_database.string();
    return settings;
}

std::vector<BenchSeeder::Account> BenchSeeder::otpAccounts(std::size_t count)
{
    std::vector<Account> accounts;
    accounts.reserve(count);
    for (std::size_t i = 1; i <= count; ++i) {
        const std::string n = std::to_string(i);
        accounts.push_back({"b.bench" + n, "bench" + n + "@bench.invalid", {}});
    }
    return accounts;
}

void BenchSeeder::createAccounts(const std::vector<Account>& accounts, const std::string& password,
                                 std::uint32_t memoryKiB, std::uint32_t iterations)
{
    server::PasswordHasher::Parameters parameters;
    parameters.memoryKiB = memoryKiB;
    parameters.iterations = iterations;
    const server::PasswordHasher hasher(parameters);
    const std::string hash = hasher.hash(password);

    std::vector<server::NewAccount> rows;
    rows.reserve(accounts.size());
    for (const Account& a : accounts) {
        server::NewAccount row;
        row.identifier = a.identifier;
        row.email = a.email;
        row.displayName = "Bench " + a.identifier;
        if (!a.nationalId.empty())
            row.nationalId = a.nationalId;
        row.passwordHash = hash;
        rows.push_back(std::move(row));
    }
    server::Database database(settings());
    server::AccountStore store(database);
    store.createAll(rows, server::SystemClock().now());
}

std::vector<std::string> BenchSeeder::issueTickets(const std::string& identifier, std::size_t count,
                                                   int lifetimeSeconds)
{
    server::Database database(settings());
    server::AccountStore accounts(database);
    const auto account = accounts.findByIdentifier(identifier);
    if (!account)
        throw std::runtime_error("no account " + identifier);
    server::TicketStore store(database);
    server::AuthSettings settings;
    settings.ticketLifetime = lifetimeSeconds;
    const server::SystemClock clock;
    server::LaunchTickets tickets(store, settings, clock);
    std::vector<std::string> issued;
    issued.reserve(count);
    // One transaction for them all (the store calls inside join it).
    database.write([&](server::SqlSession&) {
        issued.clear();
        for (std::size_t i = 0; i < count; ++i)
            issued.push_back(tickets.issue(account->id, "otp"));
    });
    return issued;
}

} // namespace dcc::bench
