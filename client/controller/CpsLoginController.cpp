#include "client/controller/CpsLoginController.h"

#include "client/api/ApiCall.h"
#include "client/api/ServerApi.h"
#include "client/card/CardService.h"
#include "client/card/SignatureResult.h"
#include "client/controller/BrowserLauncher.h"
#include "common/CpsChallenge.h"

#include <QJsonObject>

namespace dcc::client {

using dcc::card::CardError;

CpsLoginController::CpsLoginController(ServerApi& api, dcc::card::CardService& cards,
                                       BrowserLauncher& browser, QObject* parent)
    : CpsLogin(parent)
    , m_api(api)
    , m_cards(cards)
    , m_browser(browser)
{
    connect(&m_cards, &dcc::card::CardService::tokenFound, this, &CpsLoginController::onTokenFound);
    connect(&m_cards, &dcc::card::CardService::failed, this, &CpsLoginController::onCardFailed);
    connect(&m_cards, &dcc::card::CardService::challengeSigned, this,
            &CpsLoginController::onSigned);
    connect(&m_cards, &dcc::card::CardService::pinPadStarted, this, [this] {
        if (isActive())
            Q_EMIT pinPadStarted();
    });
    // The insert-card prompt continues by itself when a card arrives.
    connect(&m_cards, &dcc::card::CardService::cardInserted, this, [this] {
        if (isActive() && m_waitingForCard) {
            m_waitingForCard = false;
            setBusy(true);
            m_cards.discoverToken();
        }
    });
}

void CpsLoginController::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void CpsLoginController::start(const QString& identifier, const QString& password)
{
    cancel();
    ApiCall* call = m_api.cpsChallenge(identifier, password);
    m_call = call;
    setBusy(true);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject& body) {
        m_call.clear();
        m_flow = body.value("flow").toString();
        m_nonce = body.value("nonce").toString();
        m_cards.start();
        m_cards.discoverToken();
    });
    connect(call, &ApiCall::failed, this, [this](const ApiError& error) {
        m_call.clear();
        setBusy(false);
        Q_EMIT startFailed(error);
    });
}

void CpsLoginController::onTokenFound(const dcc::card::TokenInfo& token)
{
    if (!isActive())
        return;
    setBusy(false);
    Q_EMIT pinRequested(token);
}

void CpsLoginController::submitPin(QByteArray pin)
{
    if (!isActive())
        return;
    setBusy(true);
    const CpsChallenge::Sha256 digest =
        CpsChallenge::digest(m_api.origin().toStdString(), m_nonce.toStdString());
    m_cards.signChallenge(digest, std::move(pin));
}

void CpsLoginController::onCardFailed(dcc::card::CardOperation, const CardError& error)
{
    if (!isActive())
        return;
    setBusy(false);
    switch (error.code()) {
    case CardError::Code::NoReaders:
    case CardError::Code::NoCard:
    case CardError::Code::TokenNotPresent:
    case CardError::Code::CardRemoved:
    case CardError::Code::ServiceNotRunning:
        m_waitingForCard = true;
        Q_EMIT waitingForCard(error);
        return;
    default:
        Q_EMIT cardFailed(error);
    }
}

void CpsLoginController::onSigned(const dcc::card::SignatureResult& result)
{
    if (!isActive())
        return;
    ApiCall* call =
        m_api.cpsVerify(m_flow, result.certificateDer, result.signature, result.algorithmName());
    m_call = call;
    // The challenge is spent whatever the server decides.
    m_flow.clear();
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject& body) {
        m_call.clear();
        setBusy(false);
        const QUrl url(body.value("launch_url").toString());
        const bool started = m_browser.open(url);
        Q_EMIT launched(url, body.value("display_name").toString(), started);
    });
    connect(call, &ApiCall::failed, this, [this](const ApiError& error) {
        m_call.clear();
        setBusy(false);
        Q_EMIT verifyFailed(error);
    });
}

void CpsLoginController::cancel()
{
    m_flow.clear();
    m_nonce.clear();
    m_waitingForCard = false;
    if (ApiCall* call = m_call.data()) {
        m_call.clear();
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
    }
    setBusy(false);
}

} // namespace dcc::client
