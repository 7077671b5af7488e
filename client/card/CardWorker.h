#pragma once

#include "client/card/CardError.h"
#include "client/card/CardOperation.h"
#include "client/card/ModuleProbe.h"
#include "client/card/SignatureResult.h"
#include "client/card/TokenInfo.h"
#include "client/card/pkcs11/ModuleLocator.h"
#include "common/CpsChallenge.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace dcc::card {

class CardMonitor;
class Pkcs11Module;

/// The PKCS#11 side of CardService, living on the card worker thread: every call here may
/// block (module loading, card I/O, a PIN-pad login) and reports by signals. Keeps the
/// module and token found by discovery for the signature that follows.
class CardWorker : public QObject
{
    Q_OBJECT

public:
    /// How long an error that a removal can cause (CKR_GENERAL_ERROR, …) waits for the
    /// PC/SC monitor to report the removal before it counts as a card or reader failure.
    static constexpr int kRemovalGraceMs = 2000;

    /// `monitor` tells about card removals (from this thread); it must outlive the worker.
    CardWorker(ModuleLocator::Settings settings, const CardMonitor* monitor);
    ~CardWorker() override;

    /// Module selection, token, authentication certificate: moduleReport(), then tokenFound()
    /// or failed(Discover, …).
    void discoverToken();
    /// Logs in and signs (discovering the token first if needed): challengeSigned() or
    /// failed(Sign, …). `pin` is wiped before this returns.
    void signChallenge(const dcc::CpsChallenge::Sha256& digest, QByteArray& pin);
    /// Drops the token kept from discovery (the card went away).
    void forgetToken();

signals:
    void moduleReport(const dcc::card::ModuleReport& report);
    void tokenFound(const dcc::card::TokenInfo& token);
    void pinPadStarted();
    void challengeSigned(const dcc::card::SignatureResult& result);
    void failed(dcc::card::CardOperation operation, const dcc::card::CardError& error);

private:
    /// Runs discovery; false (and failed() emitted) when there is no token.
    bool discover(CardOperation operation, const std::function<bool()>& removedSinceStart);
    [[nodiscard]] std::function<bool()> removalProbe() const;

    ModuleLocator::Settings m_settings;
    const CardMonitor* m_monitor;
    std::shared_ptr<Pkcs11Module> m_module;
    std::optional<TokenInfo> m_token;
};

} // namespace dcc::card
