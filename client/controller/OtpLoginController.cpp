#include "client/controller/OtpLoginController.h"

#include "client/api/ApiCall.h"
#include "client/api/ServerApi.h"
#include "client/controller/BrowserLauncher.h"
#include "common/OtpCode.h"

#include <QJsonObject>

namespace dcc::client {

OtpLoginController::OtpLoginController(ServerApi& api, BrowserLauncher& browser, QObject* parent)
    : OtpLogin(parent)
    , m_api(api)
    , m_browser(browser)
{}

void OtpLoginController::track(ApiCall* call)
{
    m_call = call;
    Q_EMIT busyChanged(true);
    // Connected before the result handlers: the controller is idle again when they run.
    auto finished = [this, call] {
        if (m_call == call) {
            m_call.clear();
            Q_EMIT busyChanged(false);
        }
    };
    connect(call, &ApiCall::succeeded, this, finished);
    connect(call, &ApiCall::failed, this, finished);
}

void OtpLoginController::start(const QString& identifier, const QString& password)
{
    cancel();
    m_flow.clear();
    ApiCall* call = m_api.startOtp(identifier, password);
    track(call);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject& body) {
        m_flow = body.value("flow").toString();
        Q_EMIT codeSent(body.value("channel").toString(), body.value("expires_in").toInt(),
                        body.value("resend_in").toInt());
    });
    connect(call, &ApiCall::failed, this,
            [this](const ApiError& error) { Q_EMIT startFailed(error); });
}

void OtpLoginController::resend()
{
    if (m_flow.isEmpty())
        return;
    cancel();
    ApiCall* call = m_api.resendOtp(m_flow);
    track(call);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject& body) {
        Q_EMIT codeSent(body.value("channel").toString(), body.value("expires_in").toInt(),
                        body.value("resend_in").toInt());
    });
    connect(call, &ApiCall::failed, this,
            [this](const ApiError& error) { Q_EMIT resendFailed(error); });
}

void OtpLoginController::verify(const QString& typedCode)
{
    if (m_flow.isEmpty())
        return;
    const auto code = OtpCode::parse(typedCode.toStdString());
    if (!code) {
        Q_EMIT codeMalformed();
        return;
    }
    cancel();
    ApiCall* call = m_api.verifyOtp(m_flow, QString::fromStdString(*code));
    track(call);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject& body) {
        m_flow.clear();
        const QUrl url(body.value("launch_url").toString());
        const bool started = m_browser.open(url);
        Q_EMIT launched(url, body.value("display_name").toString(), started);
    });
    connect(call, &ApiCall::failed, this,
            [this](const ApiError& error) { Q_EMIT codeRefused(error); });
}

void OtpLoginController::cancel()
{
    if (ApiCall* call = m_call.data()) {
        m_call.clear();
        // Its failed(Canceled) no longer reaches the result handlers of this controller.
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
        Q_EMIT busyChanged(false);
    }
}

} // namespace dcc::client
