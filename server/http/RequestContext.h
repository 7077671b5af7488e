#pragma once

#include "common/ErrorCode.h"
#include "server/auth/RequestOrigin.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace dcc::server {

/// What the decorators and the endpoint share about one request.
struct RequestContext
{
    enum class Kind
    {
        Api,  ///< JSON in and out
        Page, ///< HTML for a browser
    };

    std::string requestId;
    std::string route; ///< the route's name, for logs and metrics ("otp_verify")
    Kind kind = Kind::Api;
    /// For pages: the page shown for an error, in the browser's language, and its
    /// Content-Security-Policy (web/ provides both; http/ knows no HTML).
    std::function<std::string(ErrorCode, const std::string& acceptLanguage)> errorPage;
    std::string pageSecurityPolicy;
    std::string acceptLanguage;
    /// For the steps of a login ("otp" / "start"), counted in the login metrics.
    std::string loginMethod;
    std::string loginStep;
    RequestOrigin origin;
    bool secure = false; ///< arrived over TLS
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    /// Set by the error mapping when the answer is an error of the protocol table.
    std::optional<std::string> errorCode;
};

} // namespace dcc::server
