#pragma once

#include <cstdint>

namespace dcc::server {

/// Every number of the login rules (DESIGN.md, "Security parameters"), in seconds where
/// it is a duration. Read from the configuration; defaults are DESIGN.md's.
struct AuthSettings
{
    // OTP
    int otpLifetime = 600;
    int otpResendDelay = 30;
    int otpMaxAttempts = 5;
    int otpMaxCodesPerWindow = 5;
    int otpCodesWindow = 900;
    /// How long a login flow stays usable after the password step, new codes included.
    int flowLifetime = 1800;

    // Password failures
    int accountFreeFailures = 3;  ///< failures before delays start
    int accountLockFailures = 10; ///< failures that lock the account
    int accountLockSeconds = 900;
    int addressFreeFailures = 20; ///< a hospital's NAT carries many users: no lock per address
    int maxDelaySeconds = 60;
    int failureWindow = 900; ///< failures older than this are forgotten

    // Hand-off
    int ticketLifetime = 60;
    int sessionIdleTimeout = 1800;
    int sessionAbsoluteTimeout = 43200;
    /// How long a session check answered by the database is reused (SessionCache); also
    /// the longest a revocation made on another instance goes unseen here. 0: off.
    int sessionCacheMilliseconds = 1000;
};

} // namespace dcc::server
