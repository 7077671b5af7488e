#pragma once

#include "client/card/CardHolder.h"

namespace dcc {
class CpsCertificate;
}

namespace dcc::card {

/// The holder a CPS certificate names (its subject's national identifier, names,
/// profession and organisation).
[[nodiscard]] CardHolder holderFromCertificate(const dcc::CpsCertificate& certificate);

} // namespace dcc::card
