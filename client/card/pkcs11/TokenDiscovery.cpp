#include "client/card/pkcs11/TokenDiscovery.h"

#include "client/card/CardException.h"
#include "client/card/pkcs11/Pkcs11Module.h"

namespace dcc::card {

namespace {

// How far a candidate got, to report the most useful reason when none has a login key.
enum class Reached
{
    Nothing,
    Loaded,
    Token,
};

} // namespace

TokenDiscovery::TokenDiscovery(ModuleLocator locator, Pkcs11Token::RemovalProbe removedSinceStart)
    : m_locator(std::move(locator))
    , m_removedSinceStart(std::move(removedSinceStart))
{}

TokenDiscovery::Result TokenDiscovery::discover() const
{
    Result result;
    result.report = m_locator.candidates();

    Reached reached = Reached::Nothing;
    std::optional<CardError> loadError;
    std::optional<CardError> tokenError;

    for (ModuleProbe& probe : result.report) {
        // After the selected one, the rest stay "not tried".
        if (result.token || probe.outcome != ModuleOutcome::NotTried)
            continue;

        std::shared_ptr<Pkcs11Module> module;
        QList<quint64> slotIds;
        try {
            module = Pkcs11Module::load(probe.path);
            slotIds = module->slotsWithToken();
        } catch (const CardException& e) {
            probe.outcome = ModuleOutcome::LoadFailed;
            probe.detail = e.error().description();
            if (!loadError)
                loadError = e.error();
            continue;
        }
        reached = std::max(reached, Reached::Loaded);

        bool sawToken = false;
        for (const quint64 slotId : slotIds) {
            try {
                TokenInfo info = Pkcs11Token(module, slotId, m_removedSinceStart).describe();
                info.moduleStep = probe.step;
                probe.outcome = ModuleOutcome::Selected;
                probe.detail = info.label;
                result.token = std::move(info);
                result.module = module;
                break;
            } catch (const CardException& e) {
                if (e.error().code() == CardError::Code::TokenNotPresent)
                    continue; // a blank token, or gone meanwhile
                sawToken = true;
                if (!tokenError || e.error().code() != CardError::Code::NoAuthenticationKey)
                    tokenError = e.error();
            }
        }
        if (result.token)
            continue;
        if (sawToken) {
            reached = Reached::Token;
            probe.outcome = tokenError && tokenError->code() == CardError::Code::NoAuthenticationKey
                                ? ModuleOutcome::NoAuthenticationKey
                                : ModuleOutcome::NoToken;
            probe.detail = tokenError ? tokenError->description() : QString();
        } else {
            probe.outcome = ModuleOutcome::NoToken;
            probe.detail = module->description();
        }
    }

    if (result.token)
        return result;
    switch (reached) {
    case Reached::Token:
        result.error = tokenError;
        break;
    case Reached::Loaded:
        result.error = CardError(CardError::Code::TokenNotPresent, QStringLiteral("find token"));
        break;
    case Reached::Nothing:
        result.error =
            loadError ? *loadError
                      : CardError(CardError::Code::ModuleNotFound, QStringLiteral("find module"));
        break;
    }
    return result;
}

} // namespace dcc::card
