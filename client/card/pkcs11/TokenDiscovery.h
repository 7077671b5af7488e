#pragma once

#include "client/card/CardError.h"
#include "client/card/ModuleProbe.h"
#include "client/card/TokenInfo.h"
#include "client/card/pkcs11/ModuleLocator.h"
#include "client/card/pkcs11/Pkcs11Token.h"

#include <memory>
#include <optional>

namespace dcc::card {

class Pkcs11Module;

/// Finds the token to log in with: tries ModuleLocator's candidates in order, loads each
/// module, and takes the first token that has an authentication key. Every candidate's
/// outcome goes into the report, for the diagnostics screen.
class TokenDiscovery
{
public:
    struct Result
    {
        ModuleReport report;
        /// The selected token and the module it lives in (kept loaded for the signature).
        std::optional<TokenInfo> token;
        std::shared_ptr<Pkcs11Module> module;
        /// Why there is no token: ModuleNotFound, ModuleLoadFailed, TokenNotPresent or
        /// NoAuthenticationKey (the most advanced step reached).
        std::optional<CardError> error;
    };

    explicit TokenDiscovery(ModuleLocator locator,
                            Pkcs11Token::RemovalProbe removedSinceStart = {});

    /// Blocking: loads modules and reads tokens. Never throws.
    [[nodiscard]] Result discover() const;

private:
    ModuleLocator m_locator;
    Pkcs11Token::RemovalProbe m_removedSinceStart;
};

} // namespace dcc::card
