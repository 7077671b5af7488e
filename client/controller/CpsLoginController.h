#pragma once

#include "client/api/ApiError.h"
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
class CpsLoginController : public QObject
{
    Q_OBJECT

public:
    CpsLoginController(ServerApi& api, dcc::card::CardService& cards, BrowserLauncher& browser,
                       QObject* parent = nullptr);

    void start(const QString& identifier, const QString& password);
    /// The PIN typed in the dialog; moved to the card worker, which wipes it after use.
    void submitPin(QByteArray pin);
    void cancel();
    [[nodiscard]] bool isActive() const { return !m_flow.isEmpty(); }

Q_SIGNALS:
    void busyChanged(bool busy);
    /// The password step was refused (same answers as the code login).
    void startFailed(const dcc::client::ApiError& error);
    /// No usable card yet: the window asks for it; the login goes on when it arrives.
    void waitingForCard(const dcc::card::CardError& why);
    /// The card is there: who it belongs to, its PIN state; the window asks the PIN.
    void pinRequested(const dcc::card::TokenInfo& token);
    /// The PIN is to be typed on the reader.
    void pinPadStarted();
    /// The card refused (wrong PIN, card removed, locked…): the window says what to do.
    void cardFailed(const dcc::card::CardError& error);
    /// The server refused the signature or the certificate, or the challenge expired.
    void verifyFailed(const dcc::client::ApiError& error);
    void launched(const QUrl& launchUrl, const QString& displayName, bool browserStarted);

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
