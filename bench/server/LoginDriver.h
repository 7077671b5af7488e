#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bench/server/LatencyRecorder.h"

namespace dcc::bench {

class CpsSigner;
class OutboxCodes;

/// Concurrent clients doing whole logins against a running dcc-login-server over HTTP, as
/// the desktop client does them: password + mailed code (code read from the file outbox),
/// or password + CPS challenge signature; then, like the browser, the /launch ticket
/// exchange. Every answer is checked; failures are counted by step and error code.
class LoginDriver
{
public:
    struct CpsAccount
    {
        std::string identifier;
        const CpsSigner* signer = nullptr;
    };
    struct Options
    {
        std::string host = "127.0.0.1";
        std::uint16_t port = 8080;
        std::string origin; ///< the server's publicOrigin, which CPS signatures are bound to
        int clients = 1;
        std::chrono::milliseconds duration{10000};
        /// Logins ending in this first part of the run are not counted (all clients start
        /// together; with many clients the first logins all end late).
        std::chrono::milliseconds warmup{0};
        std::string password;
        std::vector<std::string> otpIdentifiers; ///< used round robin; mail = OTP recipient
        std::vector<std::string> otpEmails;
        std::vector<CpsAccount> cpsAccounts;
        /// Clients whose index modulo cpsEvery is cpsEvery - 1 do CPS logins (0: none,
        /// 1: all). The others do OTP logins.
        int cpsEvery = 0;
        bool launch = true;
        OutboxCodes* outbox = nullptr;
        /// Called about every progressInterval from the main thread while clients run.
        std::function<void(const class LoginDriver&, double elapsedSeconds)> progress;
        std::chrono::milliseconds progressInterval{10000};
    };
    struct Result
    {
        std::uint64_t otpLogins = 0;
        std::uint64_t cpsLogins = 0;
        double seconds = 0;
        std::map<std::string, std::uint64_t> failures; ///< "step status error" → count
        [[nodiscard]] std::uint64_t logins() const { return otpLogins + cpsLogins; }
        [[nodiscard]] double perSecond() const
        {
            return seconds > 0 ? static_cast<double>(logins()) / seconds : 0;
        }
        /// Failures that are the server's intended throttles (rate_limited).
        [[nodiscard]] std::uint64_t throttled() const;
        [[nodiscard]] std::uint64_t otherFailures() const;
    };

    explicit LoginDriver(Options options);

    Result run();

    /// Whole login, first request to last answer (launch included when on).
    LatencyRecorder wholeLogin;
    LatencyRecorder passwordStep; ///< /auth/otp or /auth/cps/challenge (Argon2id inside)
    LatencyRecorder secondStep;   ///< /auth/otp/verify or /auth/cps/verify
    LatencyRecorder launchStep;

    [[nodiscard]] std::uint64_t completedSoFar() const { return m_otp + m_cps; }
    [[nodiscard]] std::uint64_t failedSoFar() const { return m_failed; }

private:
    class Client;
    void fail(const std::string& what);

    Options m_options;
    std::atomic<std::uint64_t> m_next{0};
    std::atomic<std::uint64_t> m_otp{0};
    std::atomic<std::uint64_t> m_cps{0};
    std::atomic<std::uint64_t> m_failed{0};
    std::chrono::steady_clock::time_point m_countFrom;
    std::chrono::steady_clock::time_point m_deadline;
    std::mutex m_failuresMutex;
    std::map<std::string, std::uint64_t> m_failures;
};

} // namespace dcc::bench
