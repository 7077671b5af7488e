#pragma once

#include "server/store/Account.h"

#include <istream>
#include <string>
#include <vector>

namespace dcc::server {

/// Accounts to import, from a CSV file (UTF-8, comma-separated, RFC 4180 quotes):
///
///     identifier,email,display_name,national_id
///     j.dupont,jean.dupont@hopital.fr,Jean DUPONT,810001234567
///     a.martin-durand,aline.martin@clinique.fr,"MARTIN-DURAND, Aline",
///
/// The header line is required; national_id may be empty or its column absent. No
/// password column: imported accounts set theirs through "Mot de passe oublié ?" (or an
/// administrator's `user set-password`). Every line is checked before anything is
/// written; the file is taken whole or not at all.
class AccountCsv
{
public:
    struct LineError
    {
        std::size_t line = 0; ///< 1-based, the header is line 1
        std::string message;
    };
    struct Parsed
    {
        std::vector<NewAccount> accounts;
        std::vector<LineError> errors;
    };

    static Parsed parse(std::istream& in);
};

} // namespace dcc::server
