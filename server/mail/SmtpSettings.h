#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace dcc::server {

/// How to reach the SMTP server (the `mail.smtp.*` keys of the server's configuration).
struct SmtpSettings
{
    enum class Security
    {
        None,        ///< plain text: only for a relay on the same machine
        StartTls,    ///< port 587 style; the server must offer STARTTLS, no fall-back
        ImplicitTls, ///< port 465 style: TLS from the first byte
    };

    std::string host = "localhost";
    std::uint16_t port = 25;
    Security security = Security::StartTls;
    /// AUTH PLAIN (or LOGIN when the server offers only that) when set; needs TLS.
    std::string user;
    std::string password;
    /// For connecting, each reply and each write: a dead SMTP server answers this fast.
    std::chrono::milliseconds timeout{10000};
    /// Extra CA (PEM file) for the SMTP server's certificate, on top of the system store.
    std::string caFile;

    /// "none" | "starttls" | "tls" (case-insensitive); anything else throws
    /// std::invalid_argument naming the value.
    static Security parseSecurity(std::string_view text);
    static std::string_view securityName(Security security);
};

} // namespace dcc::server
