#include "server/app/ServerConfig.h"

#include "common/EmailAddress.h"
#include "server/mail/OtpMail.h"
#include "server/mail/PasswordChangedMail.h"
#include "server/mail/PasswordResetMail.h"

#include <Poco/File.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <limits>

namespace dcc::server {

namespace {

using Config = Poco::Util::AbstractConfiguration;

std::string text(const Config& config, const std::string& key, const std::string& fallback = {})
{
    return Poco::trim(config.getString(key, fallback));
}

std::string requiredText(const Config& config, const std::string& key)
{
    std::string value = text(config, key);
    if (value.empty())
        throw ConfigError(key + " is required");
    return value;
}

long long integer(const Config& config, const std::string& key, long long fallback,
                  long long minimum, long long maximum)
{
    const std::string raw = text(config, key);
    if (raw.empty())
        return fallback;
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(raw, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != raw.size())
        throw ConfigError(key + " must be a whole number, not '" + raw + "'");
    if (value < minimum || value > maximum)
        throw ConfigError(key + " must be between " + std::to_string(minimum) + " and " +
                          std::to_string(maximum) + ", not " + raw);
    return value;
}

int seconds(const Config& config, const std::string& key, int fallback, int minimum = 1)
{
    return static_cast<int>(integer(config, key, fallback, minimum, 365LL * 24 * 3600));
}

std::string readableFile(const Config& config, const std::string& key)
{
    const std::string path = requiredText(config, key);
    const Poco::File file(path);
    if (!file.exists() || !file.isFile() || !file.canRead())
        throw ConfigError(key + ": cannot read the file " + path);
    return path;
}

// database.url: libpq keyword=value pairs. Poco's connector splits them on spaces, so a
// value cannot hold one (nor be quoted); a password belongs in PGPASSWORD or a passfile.
std::string postgresqlConnection(const Config& config)
{
    const std::string url = requiredText(config, "database.url");
    if (url.find("://") != std::string::npos)
        throw ConfigError("database.url must be libpq keyword=value pairs (host=db.example "
                          "port=5432 dbname=dcc_login user=dcc_login sslmode=verify-full), "
                          "not a URI");
    const Poco::StringTokenizer pairs(url, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    std::size_t item = 0;
    for (const std::string& pair : pairs) {
        ++item; // named by position: the text itself could be part of a password
        const std::size_t equals = pair.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == pair.size())
            throw ConfigError("database.url: item " + std::to_string(item) +
                              " is not a keyword=value pair");
        if (pair.find_first_of("'\\\"") != std::string::npos)
            throw ConfigError("database.url: values cannot be quoted; a password belongs in "
                              "PGPASSWORD or a passfile");
    }
    return url;
}

bool isLoopback(const std::string& address)
{
    if (address == "localhost")
        return true;
    Poco::Net::IPAddress ip;
    return Poco::Net::IPAddress::tryParse(address, ip) && ip.isLoopback();
}

void readDatabaseAndPasswords(const Config& config, ServerConfig& out)
{
    const std::string driver = Poco::toLower(text(config, "database.driver", "sqlite"));
    if (driver == "sqlite") {
        out.database.driver = SqlDriver::SQLite;
        out.database.location = requiredText(config, "database.path");
        out.keyFile =
            text(config, "security.keyFile",
                 Poco::Path(out.database.location).parent().append("server.key").toString());
    } else if (driver == "postgresql") {
        out.database.driver = SqlDriver::PostgreSQL;
        out.database.location = postgresqlConnection(config);
        // No default next to a file here: every instance must name the one shared key.
        out.keyFile = requiredText(config, "security.keyFile");
    } else {
        throw ConfigError("database.driver must be sqlite or postgresql, not '" + driver + "'");
    }
    out.database.maxSessions =
        static_cast<std::size_t>(integer(config, "database.maxSessions", 64, 1, 1024));
    out.database.busyTimeoutMs =
        static_cast<int>(integer(config, "database.busyTimeoutMs", 5000, 0, 600000));
    const std::string sync = Poco::toLower(text(config, "database.sqliteSynchronous", "normal"));
    if (sync != "normal" && sync != "full")
        throw ConfigError("database.sqliteSynchronous must be normal or full, not '" + sync + "'");
    out.database.sqliteFullSync = sync == "full";

    out.argon2.memoryKiB = static_cast<std::uint32_t>(
        integer(config, "password.argon2.memoryKiB", out.argon2.memoryKiB, 8, 4 * 1024 * 1024));
    out.argon2.iterations = static_cast<std::uint32_t>(
        integer(config, "password.argon2.iterations", out.argon2.iterations, 1, 100));
    out.argon2.parallelism = static_cast<std::uint32_t>(
        integer(config, "password.argon2.parallelism", out.argon2.parallelism, 1, 64));

    auto& p = out.passwordPolicy;
    p.minLength = static_cast<std::size_t>(integer(config, "password.minLength", 8, 1, 128));
    p.maxLength = static_cast<std::size_t>(integer(config, "password.maxLength", 128, 8, 1024));
    if (p.minLength > p.maxLength)
        throw ConfigError("password.minLength must not exceed password.maxLength");
    p.minUppercase = static_cast<std::size_t>(integer(config, "password.minUppercase", 1, 0, 64));
    p.minLowercase = static_cast<std::size_t>(integer(config, "password.minLowercase", 1, 0, 64));
    p.minDigitOrSpecial =
        static_cast<std::size_t>(integer(config, "password.minDigitOrSpecial", 1, 0, 64));
}

} // namespace

ServerConfig ServerConfig::forAdministration(const Config& config)
{
    ServerConfig out;
    readDatabaseAndPasswords(config, out);
    return out;
}

ServerConfig ServerConfig::from(const Config& config)
{
    ServerConfig out;
    out.address = text(config, "server.address", "127.0.0.1");
    Poco::Net::IPAddress ip;
    if (out.address != "localhost" && !Poco::Net::IPAddress::tryParse(out.address, ip))
        throw ConfigError("server.address must be an IP address (or localhost), not '" +
                          out.address + "'");
    out.port = static_cast<std::uint16_t>(integer(config, "server.port", 8443, 1, 65535));
    out.maxThreads = static_cast<int>(integer(config, "server.maxThreads", 64, 1, 1024));
    out.maxQueued = static_cast<int>(integer(config, "server.maxQueued", 64, 1, 100000));
    out.maxConnections =
        static_cast<int>(integer(config, "server.maxConnections", 1000, 1, 1000000));
    out.ioThreads = static_cast<int>(integer(config, "server.ioThreads", 0, 0, 256));
    out.requestTimeout = static_cast<int>(integer(config, "server.requestTimeout", 20, 1, 600));
    out.keepAliveTimeout =
        static_cast<int>(integer(config, "server.keepAliveTimeout", 15, 1, 3600));
    const Poco::StringTokenizer proxies(text(config, "server.trustedProxies"), ",",
                                        Poco::StringTokenizer::TOK_TRIM |
                                            Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& proxy : proxies) {
        if (!Poco::Net::IPAddress::tryParse(proxy, ip))
            throw ConfigError("server.trustedProxies: '" + proxy + "' is not an IP address");
        out.trustedProxies.insert(proxy);
    }

    const bool hasCertificate = !text(config, "tls.certificate").empty();
    const bool hasKey = !text(config, "tls.privateKey").empty();
    if (hasCertificate != hasKey)
        throw ConfigError(hasCertificate ? "tls.privateKey is required with tls.certificate"
                                         : "tls.certificate is required with tls.privateKey");
    if (hasCertificate) {
        out.tlsCertificate = readableFile(config, "tls.certificate");
        out.tlsPrivateKey = readableFile(config, "tls.privateKey");
    } else if (!isLoopback(out.address)) {
        throw ConfigError("server.address " + out.address +
                          " is not a loopback address, and plain HTTP is only allowed on "
                          "loopback: set tls.certificate and tls.privateKey");
    }

    out.publicOrigin = requiredText(config, "server.publicOrigin");
    try {
        const Poco::URI origin(out.publicOrigin);
        const std::string scheme = out.tls() ? "https" : "http";
        if (origin.getScheme() != scheme || origin.getHost().empty() ||
            !(origin.getPath().empty() || origin.getPath() == "/") || !origin.getQuery().empty() ||
            !origin.getFragment().empty() || !origin.getUserInfo().empty())
            throw ConfigError("server.publicOrigin must be " + scheme +
                              "://host[:port] with nothing after it, not '" + out.publicOrigin +
                              "'");
    } catch (const Poco::SyntaxException&) {
        throw ConfigError("server.publicOrigin is not a URL: '" + out.publicOrigin + "'");
    }
    // One spelling of the origin: the CPS signature is over these exact bytes, and the
    // client writes it this way too (lower case, default port left out).
    {
        const Poco::URI origin(out.publicOrigin);
        const std::string host = Poco::toLower(origin.getHost());
        const bool defaultPort = (origin.getScheme() == "https" && origin.getPort() == 443) ||
                                 (origin.getScheme() == "http" && origin.getPort() == 80);
        out.publicOrigin = Poco::toLower(origin.getScheme()) + "://" +
                           (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
                           (defaultPort ? "" : ":" + std::to_string(origin.getPort()));
    }

    readDatabaseAndPasswords(config, out);

    AuthSettings& a = out.auth;
    a.otpLifetime = seconds(config, "otp.lifetime", a.otpLifetime, 60);
    a.otpResendDelay = seconds(config, "otp.resendDelay", a.otpResendDelay, 0);
    a.otpMaxAttempts =
        static_cast<int>(integer(config, "otp.maxAttempts", a.otpMaxAttempts, 1, 20));
    a.otpMaxCodesPerWindow =
        static_cast<int>(integer(config, "otp.maxCodesPerWindow", a.otpMaxCodesPerWindow, 1, 100));
    a.otpCodesWindow = seconds(config, "otp.codesWindow", a.otpCodesWindow, 60);
    a.flowLifetime = seconds(config, "login.flowLifetime", a.flowLifetime, 60);
    if (a.flowLifetime < a.otpLifetime)
        throw ConfigError("login.flowLifetime must be at least otp.lifetime");
    a.accountFreeFailures = static_cast<int>(
        integer(config, "throttle.account.freeFailures", a.accountFreeFailures, 0, 1000));
    a.accountLockFailures = static_cast<int>(
        integer(config, "throttle.account.lockFailures", a.accountLockFailures, 1, 1000));
    a.accountLockSeconds = seconds(config, "throttle.account.lockSeconds", a.accountLockSeconds);
    a.addressFreeFailures = static_cast<int>(
        integer(config, "throttle.address.freeFailures", a.addressFreeFailures, 0, 100000));
    a.maxDelaySeconds = seconds(config, "throttle.maxDelaySeconds", a.maxDelaySeconds);
    a.failureWindow = seconds(config, "throttle.window", a.failureWindow, 60);
    a.ticketLifetime = seconds(config, "ticket.lifetime", a.ticketLifetime, 5);
    a.sessionIdleTimeout = seconds(config, "session.idleTimeout", a.sessionIdleTimeout, 60);
    a.sessionAbsoluteTimeout =
        seconds(config, "session.absoluteTimeout", a.sessionAbsoluteTimeout, 60);
    a.sessionCacheMilliseconds = static_cast<int>(
        integer(config, "session.cacheMilliseconds", a.sessionCacheMilliseconds, 0, 10000));

    const std::string transport = Poco::toLower(text(config, "mail.transport", "file"));
    if (transport == "smtp")
        out.mailTransport = MailTransport::Smtp;
    else if (transport == "file")
        out.mailTransport = MailTransport::File;
    else
        throw ConfigError("mail.transport must be smtp or file, not '" + transport + "'");
    const std::string from = requiredText(config, "mail.from");
    const auto fromAddress = EmailAddress::parse(from);
    if (!fromAddress)
        throw ConfigError("mail.from is not an e-mail address: '" + from + "'");
    out.mailFrom.address = fromAddress->address();
    out.mailFrom.displayName = text(config, "mail.fromName", "DCC ONCO HDF");
    out.portalName = text(config, "mail.portalName", "DCC ONCO HDF");
    out.otpSubject = text(config, "mail.otp.subject", std::string(OtpMail::kDefaultSubject));
    out.otpTemplateFile = text(config, "mail.otp.template");
    if (!out.otpTemplateFile.empty())
        out.otpTemplateFile = readableFile(config, "mail.otp.template");
    out.resetSubject =
        text(config, "mail.reset.subject", std::string(PasswordResetMail::kDefaultSubject));
    if (!text(config, "mail.reset.template").empty())
        out.resetTemplateFile = readableFile(config, "mail.reset.template");
    out.changedSubject = text(config, "mail.passwordChanged.subject",
                              std::string(PasswordChangedMail::kDefaultSubject));
    if (!text(config, "mail.passwordChanged.template").empty())
        out.changedTemplateFile = readableFile(config, "mail.passwordChanged.template");

    if (out.mailTransport == MailTransport::Smtp) {
        out.smtp.host = requiredText(config, "mail.smtp.host");
        try {
            out.smtp.security =
                SmtpSettings::parseSecurity(text(config, "mail.smtp.tls", "starttls"));
        } catch (const std::invalid_argument&) {
            throw ConfigError("mail.smtp.tls must be none, starttls or tls");
        }
        const long long defaultPort =
            out.smtp.security == SmtpSettings::Security::ImplicitTls
                ? 465
                : (out.smtp.security == SmtpSettings::Security::StartTls ? 587 : 25);
        out.smtp.port =
            static_cast<std::uint16_t>(integer(config, "mail.smtp.port", defaultPort, 1, 65535));
        out.smtp.user = text(config, "mail.smtp.user");
        out.smtp.password = config.getString("mail.smtp.password", "");
        if (!out.smtp.user.empty() && out.smtp.security == SmtpSettings::Security::None)
            throw ConfigError("mail.smtp.user: refusing to send a password without TLS; set "
                              "mail.smtp.tls to starttls or tls");
        out.smtp.timeout =
            std::chrono::milliseconds(integer(config, "mail.smtp.timeoutMs", 10000, 100, 600000));
        out.smtp.caFile = text(config, "mail.smtp.caFile");
        if (!out.smtp.caFile.empty())
            out.smtp.caFile = readableFile(config, "mail.smtp.caFile");
    } else {
        out.mailOutbox = requiredText(config, "mail.outbox");
    }

    out.cps.trustStore = text(config, "cps.trustStore");
    if (out.cps.enabled()) {
        if (!Poco::File(out.cps.trustStore).exists())
            throw ConfigError("cps.trustStore: " + out.cps.trustStore + " does not exist");
        const Poco::StringTokenizer crls(text(config, "cps.crl"), ",",
                                         Poco::StringTokenizer::TOK_TRIM |
                                             Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const std::string& crl : crls) {
            if (!Poco::File(crl).exists())
                throw ConfigError("cps.crl: " + crl + " does not exist");
            out.cps.crlPaths.push_back(crl);
        }
        const std::string revocation = Poco::toLower(text(config, "cps.revocation", "fail-closed"));
        if (revocation == "fail-closed")
            out.cps.revocation = CpsSettings::Revocation::FailClosed;
        else if (revocation == "soft-fail")
            out.cps.revocation = CpsSettings::Revocation::SoftFail;
        else if (revocation == "none")
            out.cps.revocation = CpsSettings::Revocation::None;
        else
            throw ConfigError("cps.revocation must be fail-closed, soft-fail or none, not '" +
                              revocation + "'");
        if (out.cps.revocation != CpsSettings::Revocation::None && out.cps.crlPaths.empty())
            throw ConfigError("cps.crl is required (set cps.revocation = none to log in with "
                              "cards without revocation checks)");
        out.cps.nonceLifetime = seconds(config, "cps.nonceLifetime", out.cps.nonceLifetime, 30);
    }

    PasswordReset::Settings& r = out.reset;
    r.tokenLifetime = seconds(config, "reset.tokenLifetime", r.tokenLifetime, 60);
    r.requestsPerIdentifier = static_cast<int>(
        integer(config, "reset.requestsPerIdentifier", r.requestsPerIdentifier, 1, 1000));
    r.requestsPerAddress = static_cast<int>(
        integer(config, "reset.requestsPerAddress", r.requestsPerAddress, 1, 100000));
    r.window = seconds(config, "reset.window", r.window, 60);

    out.dcc.url = text(config, "dcc.url");
    if (out.dcc.enabled()) {
        try {
            const Poco::URI url(out.dcc.url);
            if ((url.getScheme() != "https" && url.getScheme() != "http") || url.getHost().empty())
                throw ConfigError("dcc.url must be an http(s) URL, not '" + out.dcc.url + "'");
        } catch (const Poco::SyntaxException&) {
            throw ConfigError("dcc.url is not a URL: '" + out.dcc.url + "'");
        }
        out.dcc.audience = text(config, "dcc.audience");
        if (out.dcc.audience.empty())
            throw ConfigError("dcc.audience is required when dcc.url is set");
        if (text(config, "dcc.signingKey").empty())
            throw ConfigError("dcc.signingKey is required when dcc.url is set");
        out.dcc.signingKeyFile = readableFile(config, "dcc.signingKey");
        out.dcc.keyId = text(config, "dcc.keyId");
        out.dcc.lifetime = seconds(config, "dcc.assertionLifetime", out.dcc.lifetime, 5);
        if (out.dcc.lifetime > 60)
            throw ConfigError("dcc.assertionLifetime must be at most 60 seconds");
    }
    return out;
}

} // namespace dcc::server
