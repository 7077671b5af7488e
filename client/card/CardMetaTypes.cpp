#include "client/card/CardMetaTypes.h"

#include "client/card/CardError.h"
#include "client/card/ModuleProbe.h"
#include "client/card/SignatureResult.h"
#include "client/card/TokenInfo.h"

namespace dcc::card {

void registerCardMetaTypes()
{
    qRegisterMetaType<dcc::CardType>();
    qRegisterMetaType<CardError>();
    qRegisterMetaType<PinState>();
    qRegisterMetaType<TokenInfo>();
    qRegisterMetaType<SignatureResult>();
    qRegisterMetaType<ModuleProbe>();
    qRegisterMetaType<QList<ModuleProbe>>();
}

} // namespace dcc::card
