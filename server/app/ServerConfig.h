#pragma once

#include "common/PasswordPolicy.h"
#include "server/auth/AuthSettings.h"
#include "server/auth/CpsSettings.h"
#include "server/auth/DccSettings.h"
#include "server/auth/PasswordHasher.h"
#include "server/auth/PasswordReset.h"
#include "server/mail/MailIdentity.h"
#include "server/mail/OtpMail.h"
#include "server/mail/PasswordChangedMail.h"
#include "server/mail/PasswordResetMail.h"
#include "server/mail/SmtpSettings.h"
#include "server/store/DatabaseSettings.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

namespace dcc::server {

/// A configuration value that stops start-up; the message names the key.
class ConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The server's configuration, read once from the properties file and checked as a
/// whole before anything starts (see the commented sample dcc-login-server.properties).
struct ServerConfig
{
    // server.*
    std::string address = "127.0.0.1";
    std::uint16_t port = 8443;
    std::string publicOrigin;
    int maxThreads = 64;
    int maxQueued = 64;
    int maxConnections = 1000;
    int ioThreads = 0;         ///< connection loops; 0: one per hardware thread
    int requestTimeout = 20;   ///< seconds for a request to arrive whole, once begun
    int keepAliveTimeout = 15; ///< seconds an idle connection waits for its next request
    std::set<std::string> trustedProxies;
    // tls.*
    std::string tlsCertificate;
    std::string tlsPrivateKey;
    // database.*, security.*
    DatabaseSettings database;
    std::string keyFile;
    // password.*, otp.*, throttle.*, ticket.*, session.*
    PasswordHasher::Parameters argon2;
    PasswordPolicy::Thresholds passwordPolicy;
    AuthSettings auth;
    // cps.*, reset.*, dcc.*
    CpsSettings cps;
    PasswordReset::Settings reset;
    DccSettings dcc;
    // mail.*
    enum class MailTransport
    {
        Smtp,
        File,
    } mailTransport = MailTransport::File;
    MailIdentity mailFrom;
    std::string portalName = "DCC ONCO HDF";
    std::string otpSubject{OtpMail::kDefaultSubject};
    std::string otpTemplateFile;
    std::string resetSubject{PasswordResetMail::kDefaultSubject};
    std::string resetTemplateFile;
    std::string changedSubject{PasswordChangedMail::kDefaultSubject};
    std::string changedTemplateFile;
    SmtpSettings smtp;
    std::string mailOutbox;

    [[nodiscard]] bool tls() const { return !tlsCertificate.empty(); }

    /// Reads and checks every key; throws ConfigError naming the first bad one.
    static ServerConfig from(const Poco::Util::AbstractConfiguration& config);
    /// Only what the admin CLI needs (the database and the password rules): it must work
    /// on a server whose TLS files are not readable by the administrator.
    static ServerConfig forAdministration(const Poco::Util::AbstractConfiguration& config);
};

} // namespace dcc::server
