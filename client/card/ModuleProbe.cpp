#include "client/card/ModuleProbe.h"

namespace dcc::card {

const char* ModuleProbe::stepCode(ModuleStep step)
{
    switch (step) {
    case ModuleStep::Configured:
        return "configured";
    case ModuleStep::Cryptolib:
        return "cryptolib";
    case ModuleStep::P11Kit:
        return "p11kit";
    case ModuleStep::OpenSc:
        return "opensc";
    }
    return "configured";
}

const char* ModuleProbe::outcomeCode(ModuleOutcome outcome)
{
    switch (outcome) {
    case ModuleOutcome::NotConfigured:
        return "not_configured";
    case ModuleOutcome::NotFound:
        return "not_found";
    case ModuleOutcome::Duplicate:
        return "duplicate";
    case ModuleOutcome::Skipped:
        return "skipped";
    case ModuleOutcome::LoadFailed:
        return "load_failed";
    case ModuleOutcome::NoToken:
        return "no_token";
    case ModuleOutcome::NoAuthenticationKey:
        return "no_authentication_key";
    case ModuleOutcome::Selected:
        return "selected";
    case ModuleOutcome::NotTried:
        return "not_tried";
    }
    return "not_tried";
}

QString ModuleProbe::toString() const
{
    QString text = QString::fromLatin1(stepCode(step));
    if (!path.isEmpty())
        text += QLatin1Char(' ') + path;
    text += QStringLiteral(": ") + QString::fromLatin1(outcomeCode(outcome));
    if (!detail.isEmpty())
        text += QStringLiteral(" (") + detail + QLatin1Char(')');
    return text;
}

} // namespace dcc::card
