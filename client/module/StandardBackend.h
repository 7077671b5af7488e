#pragma once

#include "client/api/ServerApi.h"
#include "client/backend/LoginBackend.h"
#include "client/card/CardService.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/controller/SystemBrowserLauncher.h"

namespace dcc::client {

/// The backend the application uses: the server API, the card service and the two login
/// flows, set from the client's settings, and the standard diagnostics. Built on the GUI
/// thread; the card threads start when the window asks (CardEvents::start()).
class StandardBackend final : public LoginBackend
{
public:
    explicit StandardBackend(const ClientSettings& settings);
    ~StandardBackend() override;
    StandardBackend(const StandardBackend&) = delete;
    StandardBackend& operator=(const StandardBackend&) = delete;

    [[nodiscard]] ServerLink& server() override { return m_api; }
    [[nodiscard]] OtpLogin& otp() override { return m_otp; }
    [[nodiscard]] CpsLogin& cps() override { return m_cps; }
    [[nodiscard]] CardEvents& cards() override { return m_cards; }
    [[nodiscard]] dcc::diagnostics::DiagnosticsRunner::Checks diagnosticChecks() const override;
    [[nodiscard]] std::shared_ptr<dcc::diagnostics::DiagnosticCheck>
    testSignatureCheck(QByteArray pin) const override;

private:
    // In construction order: the controllers refer to the API, the browser and the cards.
    ServerApi m_api;
    SystemBrowserLauncher m_browser;
    OtpLoginController m_otp;
    dcc::card::CardService m_cards;
    CpsLoginController m_cps;
};

} // namespace dcc::client
