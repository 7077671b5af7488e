#pragma once

#include "client/api/ApiError.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace dcc::client {

class ApiCall;
class BrowserLauncher;
class ServerApi;

/// The guide's section 3 as the client runs it: password → code mailed → code typed →
/// browser opened on the launch URL. Asynchronous from end to end (the GUI thread never
/// waits); one call at a time, which cancel() abandons. The window reflects its signals.
class OtpLoginController : public QObject
{
    Q_OBJECT

public:
    OtpLoginController(ServerApi& api, BrowserLauncher& browser, QObject* parent = nullptr);

    void start(const QString& identifier, const QString& password);
    void resend();
    /// `typedCode` as the user typed it (spaces allowed); a malformed code is refused here
    /// with codeRefused and never sent.
    void verify(const QString& typedCode);
    void cancel();
    [[nodiscard]] bool isBusy() const { return !m_call.isNull(); }

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

private:
    void track(ApiCall* call);

    ServerApi& m_api;
    BrowserLauncher& m_browser;
    QPointer<ApiCall> m_call;
    QString m_flow;
};

} // namespace dcc::client
