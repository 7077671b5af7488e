#pragma once

#include "client/api/ApiError.h"
#include "client/backend/CoreExport.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace dcc::client {

/// The e-mailed code login as the window drives it (the guide's section 3): password → code
/// mailed → code typed → browser opened. OtpLoginController implements it in the backend
/// module. The signals are declared here, in the shared library that both the executable and
/// the module link, so that there is one meta-object for them (a second copy in the module
/// would break the window's connections).
class DCC_CLIENT_CORE_EXPORT OtpLogin : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~OtpLogin() override;

    /// Sends the identifier and password; codeSent() or startFailed() follows.
    virtual void start(const QString& identifier, const QString& password) = 0;
    /// Asks for a new code for the current flow.
    virtual void resend() = 0;
    virtual void verify(const QString& typedCode) = 0;
    /// Abandons the call in flight, if any.
    virtual void cancel() = 0;
    [[nodiscard]] virtual bool isBusy() const = 0;

Q_SIGNALS:
    void busyChanged(bool busy);
    /// After start() and resend(): where the code went, how long it lives, when a new one
    /// may be asked for (seconds).
    void codeSent(const QString& maskedChannel, int expiresIn, int resendIn);
    void startFailed(const dcc::client::ApiError& error);
    void resendFailed(const dcc::client::ApiError& error);
    /// The code was not accepted; the flow may still go on (see the error's code).
    void codeRefused(const dcc::client::ApiError& error);
    /// What was typed is not 6 digits: nothing was sent, no attempt spent.
    void codeMalformed();
    /// Logged in: the browser was asked to open `launchUrl` (`browserStarted` says if it did).
    void launched(const QUrl& launchUrl, const QString& displayName, bool browserStarted);
};

} // namespace dcc::client
