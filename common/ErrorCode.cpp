#include "common/ErrorCode.h"

#include <array>

namespace dcc {

namespace {

struct ErrorEntry
{
    ErrorCode error;
    std::string_view code;
    int status;
};

constexpr std::array<ErrorEntry, 21> kErrors = {{
    {ErrorCode::InvalidRequest, "invalid_request", 400},
    {ErrorCode::PayloadTooLarge, "payload_too_large", 413},
    {ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415},
    {ErrorCode::NotFound, "not_found", 404},
    {ErrorCode::MethodNotAllowed, "method_not_allowed", 405},
    {ErrorCode::InvalidCredentials, "invalid_credentials", 401},
    {ErrorCode::RateLimited, "rate_limited", 429},
    {ErrorCode::FlowExpired, "flow_expired", 410},
    {ErrorCode::InvalidCode, "invalid_code", 400},
    {ErrorCode::CodeExpired, "code_expired", 410},
    {ErrorCode::TooManyAttempts, "too_many_attempts", 429},
    {ErrorCode::CertificateRejected, "certificate_rejected", 401},
    {ErrorCode::SignatureInvalid, "signature_invalid", 401},
    {ErrorCode::CardNotBound, "card_not_bound", 403},
    {ErrorCode::PasswordPolicy, "password_policy", 400},
    {ErrorCode::TokenExpired, "token_expired", 410},
    {ErrorCode::Unauthorized, "unauthorized", 401},
    {ErrorCode::MailUnavailable, "mail_unavailable", 503},
    {ErrorCode::ServiceUnavailable, "service_unavailable", 503},
    {ErrorCode::RequestTimeout, "request_timeout", 408},
    {ErrorCode::InternalError, "internal_error", 500},
}};

const ErrorEntry& entry(ErrorCode error)
{
    for (const auto& e : kErrors) {
        if (e.error == error)
            return e;
    }
    return kErrors.back(); // unreachable while the table lists every enumerator
}

} // namespace

std::string_view ErrorCodes::code(ErrorCode error)
{
    return entry(error).code;
}

int ErrorCodes::httpStatus(ErrorCode error)
{
    return entry(error).status;
}

std::optional<ErrorCode> ErrorCodes::fromCode(std::string_view code)
{
    for (const auto& e : kErrors) {
        if (e.code == code)
            return e.error;
    }
    return std::nullopt;
}

} // namespace dcc
