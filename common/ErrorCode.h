#pragma once

#include <optional>
#include <string_view>

namespace dcc {

/// The `error` of every failed API answer (DESIGN.md, Protocol). The server maps each to
/// its HTTP status; the client maps each to its own translated message.
enum class ErrorCode
{
    InvalidRequest,       ///< 400: malformed JSON, missing or ill-typed field (named)
    PayloadTooLarge,      ///< 413: body over protocol::kMaxBodyBytes
    UnsupportedMediaType, ///< 415: body is not application/json
    NotFound,             ///< 404
    MethodNotAllowed,     ///< 405
    InvalidCredentials,   ///< 401: unknown user, wrong password, disabled or locked alike
    RateLimited,          ///< 429 + retry_after
    FlowExpired,          ///< 410: unknown, expired, used or revoked login flow
    InvalidCode,          ///< 400 + attempts_left
    CodeExpired,          ///< 410: ask for a new code
    TooManyAttempts,      ///< 429: the code is dead after the attempt cap
    CertificateRejected,  ///< 401 + reason (CertificateRejection)
    SignatureInvalid,     ///< 401
    CardNotBound,         ///< 403: the card holder is not this account
    PasswordPolicy,       ///< 400 + rules (PasswordPolicy::ruleCode)
    TokenExpired,         ///< 410: reset token unknown, used or expired
    Unauthorized,         ///< 401: no valid session
    MailUnavailable,      ///< 503: the mail could not be sent; no flow was left half-made
    ServiceUnavailable,   ///< 503: the database is unavailable; nothing was changed
    InternalError,        ///< 500
    RequestTimeout,       ///< 408: the body stopped arriving (server.requestTimeout)
};

class ErrorCodes
{
public:
    static std::string_view code(ErrorCode error);
    static std::optional<ErrorCode> fromCode(std::string_view code);
    static int httpStatus(ErrorCode error);
};

} // namespace dcc
