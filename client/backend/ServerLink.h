#pragma once

#include <QString>

namespace dcc::client {

class ServerCall;

/// The two server requests the window makes itself (the others go through the login
/// flows): the availability line and the forgotten password. ServerApi implements it in
/// the backend module. Each returns at once with a call whose signals come later, from the
/// event loop.
class ServerLink
{
public:
    virtual ~ServerLink();

    /// GET /api/v1/info: service, version, server_time, methods, …
    [[nodiscard]] virtual ServerCall* info() = 0;
    /// POST /api/v1/password/forgot → 202 whether or not the account exists.
    [[nodiscard]] virtual ServerCall* forgotPassword(const QString& identifier) = 0;

protected:
    ServerLink() = default;
    ServerLink(const ServerLink&) = default;
    ServerLink& operator=(const ServerLink&) = default;
};

} // namespace dcc::client
