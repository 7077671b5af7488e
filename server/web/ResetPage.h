#pragma once

#include "common/PasswordPolicy.h"
#include "server/web/PageLanguage.h"

#include <string>
#include <string_view>
#include <vector>

namespace dcc::server {

/// The pages of "Mot de passe oublié ?" that the mailed link opens: the form that shows the
/// guide's rules and ticks them as the user types (plain JavaScript allowed by its hash,
/// no external resource; without JavaScript the form still posts and the server answers
/// with the unmet rules), the confirmation, and the page for a dead link.
class ResetPage
{
public:
    /// `unmet` are rule codes (PasswordPolicy::ruleCode, or "confirm" for a mismatch)
    /// listed as errors above the form after a refused post.
    static std::string form(PageLanguage language, const PasswordPolicy& policy,
                            const std::string& identifier, const std::string& token,
                            const std::vector<std::string>& unmet = {});
    static std::string done(PageLanguage language);
    static std::string expired(PageLanguage language, int lifetimeMinutes);
    /// The inline script of the form, for the page's Content-Security-Policy.
    static std::string_view script();
};

} // namespace dcc::server
