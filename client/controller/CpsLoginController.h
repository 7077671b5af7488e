#pragma once

#include "client/api/ApiError.h"
#include "client/backend/CpsLogin.h"
#include "client/card/CardError.h"
#include "client/card/CardOperation.h"
#include "client/card/TokenInfo.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace dcc::card {
class CardService;
struct SignatureResult;
} // namespace dcc::card

namespace dcc::client {

class ApiCall;
class BrowserLauncher;
class ServerApi;

/// The guide's section 4 as the client runs it: password → challenge → the card (waited
/// for when it is not there yet) → holder shown, PIN asked (or typed on the PIN pad) →
/// signature → server checks → browser opened. Everything asynchronous: network through
/// ServerApi, card work on the CardService's own threads.
class CpsLoginController : public CpsLogin
{
    Q_OBJECT

public:
    CpsLoginController(ServerApi& api, dcc::card::CardService& cards, BrowserLauncher& browser,
                       QObject* parent = nullptr);

    void start(const QString& identifier, const QString& password) override;
    /// The PIN typed in the dialog; moved to the card worker, which wipes it after use.
    void submitPin(QByteArray pin) override;
    void cancel() override;
    [[nodiscard]] bool isActive() const override { return !m_flow.isEmpty(); }

private:
    void onTokenFound(const dcc::card::TokenInfo& token);
    void onCardFailed(dcc::card::CardOperation operation, const dcc::card::CardError& error);
    void onSigned(const dcc::card::SignatureResult& result);
    void setBusy(bool busy);

    ServerApi& m_api;
    dcc::card::CardService& m_cards;
    BrowserLauncher& m_browser;
    QPointer<ApiCall> m_call;
    QString m_flow;
    QString m_nonce;
    bool m_waitingForCard = false;
    bool m_busy = false;
};

} // namespace dcc::client
