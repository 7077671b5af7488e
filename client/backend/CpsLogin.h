#pragma once

#include "client/api/ApiError.h"
#include "client/backend/CoreExport.h"
#include "client/card/CardError.h"
#include "client/card/TokenInfo.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

namespace dcc::client {

/// The CPS card login as the window drives it (the guide's section 4): password →
/// challenge → card → PIN → signature → browser. CpsLoginController implements it in the
/// backend module; the signals live here, once (see OtpLogin).
class DCC_CLIENT_CORE_EXPORT CpsLogin : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~CpsLogin() override;

    virtual void start(const QString& identifier, const QString& password) = 0;
    /// The PIN typed in the window, taken over (the implementation wipes it after use).
    virtual void submitPin(QByteArray pin) = 0;
    virtual void cancel() = 0;
    /// A login is under way (from start() to its end or cancel()).
    [[nodiscard]] virtual bool isActive() const = 0;

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
};

} // namespace dcc::client
