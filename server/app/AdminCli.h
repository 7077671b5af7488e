#pragma once

#include "server/app/ServerConfig.h"

#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace dcc::server {

/// The administration commands, run on the server's own database:
///
///     user add IDENTIFIER --email=… --name=… [--national-id=…]   (password on stdin)
///     user list | user show ID | user disable ID | user enable ID | user unlock ID
///     user set-password ID (password on stdin) | user set-email ID --email=…
///     user set-national-id ID --national-id=…  (empty to remove)
///     user import FILE.csv
///     audit tail [--count=N]
///
/// ID is the account's number or its identifier. Every change is audited.
class AdminCli
{
public:
    /// Exit codes, after sysexits.h.
    static constexpr int kOk = 0;
    static constexpr int kUsage = 64;
    static constexpr int kDataError = 65;
    static constexpr int kNoSuchAccount = 67;
    static constexpr int kUnavailable = 69;

    AdminCli(const ServerConfig& config, std::istream& in, std::ostream& out, std::ostream& err)
        : m_config(config)
        , m_in(in)
        , m_out(out)
        , m_err(err)
    {}

    /// `options` holds --email, --name, --national-id, --count when given.
    int run(const std::vector<std::string>& arguments,
            const std::map<std::string, std::string>& options);

    static std::string usage();

private:
    const ServerConfig& m_config;
    std::istream& m_in;
    std::ostream& m_out;
    std::ostream& m_err;
};

} // namespace dcc::server
