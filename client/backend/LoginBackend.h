#pragma once

#include "client/diagnostics/DiagnosticCheck.h"
#include "client/diagnostics/DiagnosticsRunner.h"

#include <QByteArray>

#include <memory>

namespace dcc::client {

class CardEvents;
class ClientSettings;
class CpsLogin;
class OtpLogin;
class ServerLink;

/// Everything the login window needs that talks to the server, the card or the machine:
/// built by the backend module (client/module, the `dcc-login-backend` library), which
/// holds the code that links Qt Network, OpenSSL and PC/SC. The executable opens the module
/// once its window is shown (BackendLoader), so that none of those libraries is loaded
/// before the user sees the window (docs/BENCHMARKS.md, client (a)).
///
/// The module's entry point, `extern "C"`, is named kEntryPoint and has the EntryPoint type;
/// it returns nullptr when its interface version is not the caller's (a module left behind
/// by another version of the application).
class LoginBackend
{
public:
    /// Raised whenever this class or an interface it hands out changes.
    static constexpr int kInterfaceVersion = 1;
    static constexpr const char* kEntryPoint = "dcc_login_backend_create";
    using EntryPoint = LoginBackend* (*)(int interfaceVersion, const ClientSettings& settings);

    virtual ~LoginBackend();

    [[nodiscard]] virtual ServerLink& server() = 0;
    [[nodiscard]] virtual OtpLogin& otp() = 0;
    [[nodiscard]] virtual CpsLogin& cps() = 0;
    [[nodiscard]] virtual CardEvents& cards() = 0;
    /// The checks of the diagnostics window and of `dcc-login --diagnose`, in report order.
    [[nodiscard]] virtual dcc::diagnostics::DiagnosticsRunner::Checks diagnosticChecks() const = 0;
    /// The optional test signature with `pin` (taken over; empty on a PIN-pad reader).
    [[nodiscard]] virtual std::shared_ptr<dcc::diagnostics::DiagnosticCheck>
    testSignatureCheck(QByteArray pin) const = 0;

protected:
    LoginBackend() = default;
    LoginBackend(const LoginBackend&) = default;
    LoginBackend& operator=(const LoginBackend&) = default;
};

} // namespace dcc::client
