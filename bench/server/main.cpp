// dcc-bench-server: the server half of bench/ (docs/BENCHMARKS.md). Subcommands:
//   seed      accounts for a run, straight into the (stopped) server's database
//   tickets   launch tickets for the /launch benchmark and the session-memory measure
//   argon2    the raw Argon2id verification rate on N threads
//   exchange  the raw SQLite rate of a ticket exchange's durable work (one thread)
//   logins    concurrent whole logins (OTP, CPS or both) against a running server
//   sessions  exchange tickets for live sessions and report the server's memory
// Each prints "RESULT <name> key=value …" lines that bench/run-all.sh turns into a table.

#include <Poco/URI.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "bench/server/Argon2Rate.h"
#include "bench/server/BenchArguments.h"
#include "bench/server/BenchSeeder.h"
#include "bench/server/CpsSigner.h"
#include "bench/server/ExchangeRate.h"
#include "bench/server/LoginDriver.h"
#include "bench/server/OutboxCodes.h"
#include "bench/server/ProcessMemory.h"
#include "bench/server/SessionFiller.h"

using namespace dcc::bench;

namespace {

constexpr auto kUsage = R"(usage: dcc-bench-server COMMAND [--option=value …]
  seed     --database=DB --accounts=N --password=P [--argon2-memory=KiB] [--argon2-iterations=T]
           [--cps=IDENTIFIER:NATIONAL_ID …]
  tickets  --database=DB --identifier=ID --count=N --lifetime=S --output=FILE
  argon2   --threads=T --seconds=S [--argon2-memory=KiB] [--argon2-iterations=T]
  exchange --database=DB --tickets=FILE --seconds=S
  logins   --url=http://127.0.0.1:PORT --origin=PUBLIC_ORIGIN --outbox=DIR --accounts=N
           --password=P --clients=C --seconds=S [--warmup=S] [--first-account=K] [--cps-every=K]
           [--cps=IDENTIFIER:CERT.pem:KEY.pem …] [--no-launch] [--server-pid=PID] [--progress=S]
           [--label=NAME]
  sessions --url=… --tickets=FILE [--clients=C] [--server-pid=PID]
)";

std::uint32_t argon2Memory(const BenchArguments& args)
{
    return static_cast<std::uint32_t>(args.number("argon2-memory", 19456));
}

std::uint32_t argon2Iterations(const BenchArguments& args)
{
    return static_cast<std::uint32_t>(args.number("argon2-iterations", 2));
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator))
        parts.push_back(part);
    return parts;
}

int seed(const BenchArguments& args)
{
    auto accounts = BenchSeeder::otpAccounts(static_cast<std::size_t>(args.number("accounts", 0)));
    for (const std::string& cps : args.all("cps")) {
        const auto parts = split(cps, ':');
        if (parts.size() != 2)
            throw std::invalid_argument("--cps=IDENTIFIER:NATIONAL_ID, not " + cps);
        accounts.push_back({parts[0], parts[0].substr(2) + "@bench.invalid", parts[1]});
    }
    BenchSeeder(args.required("database"))
        .createAccounts(accounts, args.required("password"), argon2Memory(args),
                        argon2Iterations(args));
    std::cout << "RESULT seed accounts=" << accounts.size() << "\n";
    return 0;
}

int tickets(const BenchArguments& args)
{
    const auto issued = BenchSeeder(args.required("database"))
                            .issueTickets(args.required("identifier"),
                                          static_cast<std::size_t>(args.number("count", 1000)),
                                          static_cast<int>(args.number("lifetime", 3600)));
    std::ofstream out(args.required("output"));
    for (const std::string& ticket : issued)
        out << ticket << "\n";
    std::cout << "RESULT tickets count=" << issued.size() << "\n";
    return 0;
}

int argon2(const BenchArguments& args)
{
    const int threads = static_cast<int>(args.number("threads", 1));
    const auto result = Argon2Rate::measure(
        threads, std::chrono::milliseconds(static_cast<long long>(args.real("seconds", 10) * 1000)),
        argon2Memory(args), argon2Iterations(args));
    std::printf("RESULT argon2 threads=%d hashes=%llu seconds=%.2f per_second=%.2f\n", threads,
                static_cast<unsigned long long>(result.count), result.seconds, result.perSecond());
    return 0;
}

int exchange(const BenchArguments& args)
{
    std::vector<std::string> tickets;
    std::ifstream in(args.required("tickets"));
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            tickets.push_back(line);
    const auto result = ExchangeRate::measure(
        args.required("database"), tickets,
        std::chrono::milliseconds(static_cast<long long>(args.real("seconds", 10) * 1000)));
    std::printf("RESULT exchange exchanges=%llu seconds=%.2f per_second=%.2f\n",
                static_cast<unsigned long long>(result.count), result.seconds, result.perSecond());
    return 0;
}

int logins(const BenchArguments& args)
{
    const Poco::URI url(args.required("url"));
    LoginDriver::Options options;
    options.host = url.getHost();
    options.port = url.getPort();
    options.origin = args.text("origin", args.required("url"));
    options.clients = static_cast<int>(args.number("clients", 1));
    options.duration =
        std::chrono::milliseconds(static_cast<long long>(args.real("seconds", 10) * 1000));
    options.warmup =
        std::chrono::milliseconds(static_cast<long long>(args.real("warmup", 0) * 1000));
    options.password = args.required("password");
    options.launch = !args.flag("no-launch");
    options.cpsEvery = static_cast<int>(args.number("cps-every", 0));
    const auto first = static_cast<std::size_t>(args.number("first-account", 1));
    const auto count = static_cast<std::size_t>(args.number("accounts", 0));
    for (const auto& a : BenchSeeder::otpAccounts(first + count - 1)) {
        options.otpIdentifiers.push_back(a.identifier);
        options.otpEmails.push_back(a.email);
    }
    options.otpIdentifiers.erase(options.otpIdentifiers.begin(),
                                 options.otpIdentifiers.begin() + static_cast<long>(first - 1));
    options.otpEmails.erase(options.otpEmails.begin(),
                            options.otpEmails.begin() + static_cast<long>(first - 1));

    std::vector<std::unique_ptr<CpsSigner>> signers;
    for (const std::string& cps : args.all("cps")) {
        const auto parts = split(cps, ':');
        if (parts.size() != 3)
            throw std::invalid_argument("--cps=IDENTIFIER:CERT.pem:KEY.pem, not " + cps);
        signers.push_back(std::make_unique<CpsSigner>(parts[1], parts[2]));
        options.cpsAccounts.push_back({parts[0], signers.back().get()});
    }
    if (options.cpsEvery != 1 && options.otpIdentifiers.empty())
        throw std::invalid_argument("--accounts: OTP clients need accounts");
    if (options.cpsEvery > 0 && options.cpsAccounts.empty())
        throw std::invalid_argument("--cps-every needs --cps accounts");

    std::unique_ptr<OutboxCodes> outbox;
    if (options.cpsEvery != 1) {
        outbox = std::make_unique<OutboxCodes>(args.required("outbox"));
        options.outbox = outbox.get();
    }
    const auto pid = static_cast<pid_t>(args.number("server-pid", 0));
    const std::string label = args.text("label", "logins");
    const auto startMemory = pid ? ProcessMemory::of(pid) : ProcessMemory{};
    if (args.flag("progress")) {
        options.progressInterval =
            std::chrono::milliseconds(static_cast<long long>(args.real("progress", 10) * 1000));
        options.progress = [pid, label](const LoginDriver& driver, double elapsed) {
            const auto memory = pid ? ProcessMemory::of(pid) : ProcessMemory{};
            std::printf(
                "PROGRESS %s t=%.0fs logins=%llu failures=%llu rss_kib=%lld "
                "login_p99_ms=%.1f\n",
                label.c_str(), elapsed, static_cast<unsigned long long>(driver.completedSoFar()),
                static_cast<unsigned long long>(driver.failedSoFar()),
                static_cast<long long>(memory.residentKiB), driver.wholeLogin.percentileMs(0.99));
            std::fflush(stdout);
        };
    }
    LoginDriver driver(options);
    const auto result = driver.run();
    const auto endMemory = pid ? ProcessMemory::of(pid) : ProcessMemory{};
    std::printf("RESULT %s clients=%d seconds=%.2f otp=%llu cps=%llu per_second=%.2f "
                "throttled=%llu failures=%llu login_p50_ms=%.1f login_p99_ms=%.1f "
                "password_p50_ms=%.1f password_p99_ms=%.1f second_p99_ms=%.1f "
                "launch_p99_ms=%.1f rss_start_kib=%lld rss_end_kib=%lld rss_peak_kib=%lld "
                "unreadable_mails=%zu\n",
                label.c_str(), options.clients, result.seconds,
                static_cast<unsigned long long>(result.otpLogins),
                static_cast<unsigned long long>(result.cpsLogins), result.perSecond(),
                static_cast<unsigned long long>(result.throttled()),
                static_cast<unsigned long long>(result.otherFailures()),
                driver.wholeLogin.percentileMs(0.5), driver.wholeLogin.percentileMs(0.99),
                driver.passwordStep.percentileMs(0.5), driver.passwordStep.percentileMs(0.99),
                driver.secondStep.percentileMs(0.99), driver.launchStep.percentileMs(0.99),
                static_cast<long long>(startMemory.residentKiB),
                static_cast<long long>(endMemory.residentKiB),
                static_cast<long long>(endMemory.peakKiB), outbox ? outbox->unreadable() : 0);
    for (const auto& [what, n] : result.failures)
        std::printf("FAILURE %s %s: %llu\n", label.c_str(), what.c_str(),
                    static_cast<unsigned long long>(n));
    return result.otherFailures() == 0 ? 0 : 1;
}

int sessions(const BenchArguments& args)
{
    const Poco::URI url(args.required("url"));
    std::vector<std::string> tickets;
    std::ifstream in(args.required("tickets"));
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            tickets.push_back(line);
    }
    const auto pid = static_cast<pid_t>(args.number("server-pid", 0));
    const auto before = pid ? ProcessMemory::of(pid) : ProcessMemory{};
    SessionFiller filler(url.getHost(), url.getPort(), static_cast<int>(args.number("clients", 8)));
    const auto result = filler.fill(tickets);
    const auto after = pid ? ProcessMemory::of(pid) : ProcessMemory{};
    std::printf("RESULT sessions live=%zu checked=%zu failures=%zu seconds=%.2f "
                "rss_before_kib=%lld rss_after_kib=%lld rss_peak_kib=%lld\n",
                result.sessions, result.checkedOk, result.failures, result.seconds,
                static_cast<long long>(before.residentKiB),
                static_cast<long long>(after.residentKiB), static_cast<long long>(after.peakKiB));
    for (const auto& [what, n] : result.failureKinds)
        std::printf("FAILURE sessions %s: %zu\n", what.c_str(), n);
    return result.failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string command = argv[1];
    try {
        const BenchArguments args(argc, argv, 2);
        if (command == "seed")
            return seed(args);
        if (command == "tickets")
            return tickets(args);
        if (command == "argon2")
            return argon2(args);
        if (command == "exchange")
            return exchange(args);
        if (command == "logins")
            return logins(args);
        if (command == "sessions")
            return sessions(args);
    } catch (const std::exception& e) {
        std::cerr << "dcc-bench-server " << command << ": " << e.what() << "\n";
        return 2;
    }
    std::cerr << kUsage;
    return 2;
}
