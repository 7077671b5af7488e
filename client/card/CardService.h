#pragma once

#include "client/backend/CardEvents.h"
#include "client/card/CardError.h"
#include "client/card/CardMetaTypes.h"
#include "client/card/CardOperation.h"
#include "client/card/ModuleProbe.h"
#include "client/card/SignatureResult.h"
#include "client/card/TokenInfo.h"
#include "client/card/pkcs11/ModuleLocator.h"
#include "common/CpsChallenge.h"

#include <QObject>
#include <QStringList>
#include <QThread>

namespace dcc::card {

class CardMonitor;
class CardWorker;

/// The card layer as the rest of the client sees it: readers and cards (PC/SC), the login
/// token and its holder, the PIN and the challenge signature (PKCS#11). Create and call it
/// on the GUI thread; every method returns at once, and the answer comes by signal.
///
/// Threads: a CardMonitor thread waits on PC/SC events; a worker thread does all PKCS#11 work
/// (module loading, token reading, login, signature), one request at a time, in the order
/// asked. Nothing here blocks the thread that calls it, except the destructor, which stops
/// both threads (the monitor at once with SCardCancel; the worker after its current request,
/// which on a PIN-pad reader lasts until the user types or the reader times out).
///
/// A login controller typically: start(); waits for cardInserted() (the CardType says
/// whether the card can log in at all); discoverToken() → tokenFound() with the holder's
/// name and profession and the PIN state; asks the PIN (or shows the PIN-pad page on
/// pinPadStarted()); signChallenge(CpsChallenge::digest(origin, nonce), pin) →
/// challengeSigned() with the certificate, signature and "RS256"/"ES256" for the server,
/// or failed() with a typed error to show in French.
class CardService : public dcc::client::CardEvents
{
    Q_OBJECT

public:
    struct Options
    {
        ModuleLocator::Settings modules;
        /// Watch PC/SC readers and cards (off for a token without reader, e.g. SoftHSM).
        bool watchReaders = true;
        /// How often to look for a stopped PC/SC service coming back.
        int serviceRetryIntervalMs = 500;
    };

    explicit CardService(Options options, QObject* parent = nullptr);
    explicit CardService(QObject* parent = nullptr);
    ~CardService() override;

    /// Starts the monitor and worker threads. Further calls do nothing.
    void start() override;

    /// Looks for the login token: moduleReport(), then tokenFound() or failed(Discover, …).
    void discoverToken();

    /// Logs in with `pin` (ignored on a PIN-pad reader) and signs `digest`
    /// (CpsChallenge::digest(origin, nonce)): challengeSigned() or failed(Sign, …). Discovers
    /// the token first when needed. Move the PIN in (std::move): the worker holds the only
    /// copy and overwrites it with zeros after use.
    void signChallenge(const dcc::CpsChallenge::Sha256& digest, QByteArray pin);

    /// The readers the monitor last reported.
    [[nodiscard]] QStringList readers() const { return m_readers; }
    /// The thread the PKCS#11 work runs on (diagnostics and tests).
    [[nodiscard]] const QThread* workerThread() const { return &m_workerThread; }

Q_SIGNALS:
    // PC/SC
    void readerAdded(const QString& reader);
    void readerRemoved(const QString& reader);
    // readersChanged, cardInserted, cardRemoved, serviceStopped, serviceRecovered: CardEvents

    // PKCS#11
    void moduleReport(const dcc::card::ModuleReport& report);
    void tokenFound(const dcc::card::TokenInfo& token);
    /// C_Login is waiting for the PIN typed on the reader.
    void pinPadStarted();
    void challengeSigned(const dcc::card::SignatureResult& result);
    void failed(dcc::card::CardOperation operation, const dcc::card::CardError& error);

private:
    Options m_options;
    CardMonitor* m_monitor = nullptr;
    QThread m_workerThread;
    CardWorker* m_worker = nullptr;
    QStringList m_readers;
    bool m_started = false;
};

} // namespace dcc::card
