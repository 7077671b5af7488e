#pragma once

// The client–server protocol in one place (DESIGN.md, "Protocol" and "Security
// parameters"): paths, JSON field names, sizes and lifetimes. Error codes are in
// ErrorCode.h, certificate rejection reasons in CertificateRejection.h.

#include <chrono>
#include <cstddef>
#include <string_view>

namespace dcc::protocol {

using namespace std::chrono_literals;

namespace path {
inline constexpr std::string_view kInfo = "/api/v1/info";
inline constexpr std::string_view kOtpStart = "/api/v1/auth/otp";
inline constexpr std::string_view kOtpResend = "/api/v1/auth/otp/resend";
inline constexpr std::string_view kOtpVerify = "/api/v1/auth/otp/verify";
inline constexpr std::string_view kCpsChallenge = "/api/v1/auth/cps/challenge";
inline constexpr std::string_view kCpsVerify = "/api/v1/auth/cps/verify";
inline constexpr std::string_view kPasswordForgot = "/api/v1/password/forgot";
inline constexpr std::string_view kPasswordReset = "/api/v1/password/reset";
inline constexpr std::string_view kSession = "/api/v1/session";
inline constexpr std::string_view kLogout = "/api/v1/logout";
inline constexpr std::string_view kLaunch = "/launch";
inline constexpr std::string_view kResetPage = "/reset";
inline constexpr std::string_view kDemoDcc = "/dcc/";
inline constexpr std::string_view kHealth = "/healthz";
inline constexpr std::string_view kMetrics = "/metrics";
inline constexpr std::string_view kJwks = "/.well-known/jwks.json";
} // namespace path

namespace field {
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kMessage = "message";
inline constexpr std::string_view kField = "field";
inline constexpr std::string_view kReason = "reason";
inline constexpr std::string_view kRules = "rules";
inline constexpr std::string_view kIdentifier = "identifier";
inline constexpr std::string_view kPassword = "password";
inline constexpr std::string_view kFlow = "flow";
inline constexpr std::string_view kCode = "code";
inline constexpr std::string_view kChannel = "channel";
inline constexpr std::string_view kExpiresIn = "expires_in";
inline constexpr std::string_view kResendIn = "resend_in";
inline constexpr std::string_view kAttemptsLeft = "attempts_left";
inline constexpr std::string_view kRetryAfter = "retry_after";
inline constexpr std::string_view kLaunchUrl = "launch_url";
inline constexpr std::string_view kDisplayName = "display_name";
inline constexpr std::string_view kNonce = "nonce";
inline constexpr std::string_view kCertificate = "certificate";
inline constexpr std::string_view kSignature = "signature";
inline constexpr std::string_view kAlgorithm = "algorithm";
inline constexpr std::string_view kToken = "token";
inline constexpr std::string_view kTicket = "ticket";
} // namespace field

/// Request bodies above this are refused with 413 before they are read.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

inline constexpr std::size_t kOtpDigits = 6;
inline constexpr auto kOtpLifetime = 600s;
inline constexpr auto kOtpResendDelay = 30s;
inline constexpr int kOtpMaxAttempts = 5;
inline constexpr int kOtpMaxCodesPerWindow = 5;
inline constexpr auto kOtpCodesWindow = 15min;

inline constexpr std::size_t kNonceBytes = 32;
inline constexpr auto kNonceLifetime = 300s;

inline constexpr std::size_t kTicketBytes = 32;
inline constexpr auto kTicketLifetime = 60s;

inline constexpr std::size_t kSessionBytes = 32;
inline constexpr auto kSessionIdleLifetime = 30min;
inline constexpr auto kSessionAbsoluteLifetime = 12h;

inline constexpr std::size_t kResetTokenBytes = 32;
inline constexpr auto kResetTokenLifetime = 30min;

/// Name of the session cookie: the __Host- prefix pins it to the exact origin over HTTPS.
inline constexpr std::string_view kSessionCookie = "__Host-dcc_session";

} // namespace dcc::protocol
