#include "client/card/CardWorker.h"

#include "client/card/CardException.h"
#include "client/card/pcsc/CardMonitor.h"
#include "client/card/pkcs11/Pkcs11Module.h"
#include "client/card/pkcs11/Pkcs11Token.h"
#include "client/card/pkcs11/TokenDiscovery.h"

namespace dcc::card {

CardWorker::CardWorker(ModuleLocator::Settings settings, const CardMonitor* monitor)
    : m_settings(std::move(settings))
    , m_monitor(monitor)
{}

CardWorker::~CardWorker() = default;

std::function<bool()> CardWorker::removalProbe() const
{
    // "Removed since this operation began": the monitor's counter moved on, or moves on
    // within the grace period (the error often comes back before PC/SC sees the removal).
    if (!m_monitor)
        return {};
    const quint64 start = m_monitor->removalCount();
    return [monitor = m_monitor, start] {
        return monitor->waitForRemovalAfter(start, kRemovalGraceMs);
    };
}

bool CardWorker::discover(CardOperation operation, const std::function<bool()>& removedSinceStart)
{
    forgetToken();
    TokenDiscovery::Result result =
        TokenDiscovery(ModuleLocator(m_settings), removedSinceStart).discover();
    emit moduleReport(result.report);
    if (!result.token) {
        emit failed(operation, result.error.value_or(CardError(CardError::Code::Internal)));
        return false;
    }
    m_module = std::move(result.module);
    m_token = std::move(result.token);
    emit tokenFound(*m_token);
    return true;
}

void CardWorker::discoverToken()
{
    discover(CardOperation::Discover, removalProbe());
}

void CardWorker::signChallenge(const dcc::CpsChallenge::Sha256& digest, QByteArray& pin)
{
    const auto wipe = [&pin] {
        pin.fill('\0');
        pin.clear();
    };
    const auto probe = removalProbe();
    if (!m_token && !discover(CardOperation::Sign, probe)) {
        wipe();
        return;
    }
    try {
        const SignatureResult result =
            Pkcs11Token(m_module, m_token->slotId, probe)
                .signChallenge(*m_token, digest, pin, [this] { emit pinPadStarted(); });
        emit challengeSigned(result);
    } catch (const CardException& e) {
        wipe();
        const auto code = e.error().code();
        if (code == CardError::Code::CardRemoved || code == CardError::Code::TokenNotPresent)
            forgetToken(); // the next attempt looks for the card again
        emit failed(CardOperation::Sign, e.error());
    } catch (const std::exception& e) {
        wipe();
        emit failed(CardOperation::Sign,
                    CardError(CardError::Code::Internal, QStringLiteral("sign"))
                        .setDetail(QString::fromUtf8(e.what())));
    }
}

void CardWorker::forgetToken()
{
    m_token.reset();
    m_module.reset();
}

} // namespace dcc::card
