#include "client/module/StandardBackend.h"

#include "client/diagnostics/StandardChecks.h"
#include "client/diagnostics/TestSignatureCheck.h"
#include "client/settings/ClientSettings.h"

namespace dcc::client {

namespace {

ServerApi::Options apiOptions(const ClientSettings& settings)
{
    ServerApi::Options options;
    options.extraCaFile = settings.string(ClientSettings::Key::ServerCa);
    return options;
}

dcc::card::CardService::Options cardOptions(const ClientSettings& settings)
{
    dcc::card::CardService::Options options;
    options.modules.configuredPath = settings.string(ClientSettings::Key::Pkcs11Module);
    return options;
}

} // namespace

StandardBackend::StandardBackend(const ClientSettings& settings)
    : m_api(QUrl(settings.string(ClientSettings::Key::ServerUrl)), apiOptions(settings))
    , m_otp(m_api, m_browser)
    , m_cards(cardOptions(settings))
    , m_cps(m_api, m_cards, m_browser)
{}

StandardBackend::~StandardBackend() = default;

dcc::diagnostics::DiagnosticsRunner::Checks StandardBackend::diagnosticChecks() const
{
    return dcc::diagnostics::StandardChecks::all();
}

std::shared_ptr<dcc::diagnostics::DiagnosticCheck>
StandardBackend::testSignatureCheck(QByteArray pin) const
{
    return std::make_shared<dcc::diagnostics::TestSignatureCheck>(std::move(pin));
}

} // namespace dcc::client
