#pragma once

#include "client/api/ApiError.h"
#include "client/backend/OtpLogin.h"

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
class OtpLoginController : public OtpLogin
{
    Q_OBJECT

public:
    OtpLoginController(ServerApi& api, BrowserLauncher& browser, QObject* parent = nullptr);

    void start(const QString& identifier, const QString& password) override;
    void resend() override;
    /// `typedCode` as the user typed it (spaces allowed); a malformed code is refused here
    /// with codeMalformed and never sent.
    void verify(const QString& typedCode) override;
    void cancel() override;
    [[nodiscard]] bool isBusy() const override { return !m_call.isNull(); }

private:
    void track(ApiCall* call);

    ServerApi& m_api;
    BrowserLauncher& m_browser;
    QPointer<ApiCall> m_call;
    QString m_flow;
};

} // namespace dcc::client
