#include "server/app/ServerComponents.h"

#include "common/Protocol.h"
#include "server/api/ApiServices.h"
#include "server/api/CpsChallengeEndpoint.h"
#include "server/api/CpsVerifyEndpoint.h"
#include "server/api/HealthEndpoint.h"
#include "server/api/InfoEndpoint.h"
#include "server/api/JwksEndpoint.h"
#include "server/api/LogoutEndpoint.h"
#include "server/api/MetricsEndpoint.h"
#include "server/api/OtpResendEndpoint.h"
#include "server/api/OtpStartEndpoint.h"
#include "server/api/OtpVerifyEndpoint.h"
#include "server/api/PasswordForgotEndpoint.h"
#include "server/api/PasswordResetEndpoint.h"
#include "server/api/SessionEndpoint.h"
#include "server/auth/AuditTrail.h"
#include "server/auth/CertificateValidator.h"
#include "server/auth/Clock.h"
#include "server/auth/CpsLogin.h"
#include "server/auth/DccAssertion.h"
#include "server/auth/LaunchTickets.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/OtpLogin.h"
#include "server/auth/PasswordAuthenticator.h"
#include "server/auth/PasswordHasher.h"
#include "server/auth/PasswordReset.h"
#include "server/auth/ServerKey.h"
#include "server/auth/SessionManager.h"
#include "server/auth/TaskQueue.h"
#include "server/http/Metrics.h"
#include "server/http/Router.h"
#include "server/http/SessionCookie.h"
#include "server/mail/FileMailer.h"
#include "server/mail/MailTemplate.h"
#include "server/mail/OtpMail.h"
#include "server/mail/PasswordChangedMail.h"
#include "server/mail/PasswordResetMail.h"
#include "server/mail/SmtpMailer.h"
#include "server/store/AccountStore.h"
#include "server/store/AuditStore.h"
#include "server/store/Database.h"
#include "server/store/FlowStore.h"
#include "server/store/ResetTokenStore.h"
#include "server/store/ServerSettingStore.h"
#include "server/store/SessionStore.h"
#include "server/store/ThrottleStore.h"
#include "server/store/TicketStore.h"
#include "server/web/DemoDccEndpoint.h"
#include "server/web/ErrorPage.h"
#include "server/web/HtmlPage.h"
#include "server/web/LaunchEndpoint.h"
#include "server/web/ResetFormEndpoint.h"
#include "server/web/ResetPageEndpoint.h"

namespace dcc::server {

namespace {

// A mail's template: the configured file, or the built-in text, with the configured subject.
template <typename MailType>
MailTemplate mailTemplate(const std::string& file, const std::string& subject, const char* key)
{
    try {
        return file.empty()
                   ? MailType::defaultTemplate(subject)
                   : MailTemplate::fromFile(file, subject, MailType::allowedPlaceholders());
    } catch (const std::exception& e) {
        throw ConfigError(std::string(key) + ": " + e.what());
    }
}

template <typename MailType>
std::unique_ptr<MailType> mail(MailTemplate mailTemplate, const std::string& portalName,
                               const char* key)
{
    try {
        return std::make_unique<MailType>(std::move(mailTemplate), portalName);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(std::string(key) + ": " + e.what());
    }
}

} // namespace

ServerComponents::ServerComponents(const ServerConfig& config, const Clock& clock,
                                   std::string version)
    : m_config(config)
    , m_clock(clock)
    , m_version(std::move(version))
{
    m_database = std::make_unique<Database>(m_config.database);
    m_accounts = std::make_unique<AccountStore>(*m_database);
    m_flows = std::make_unique<FlowStore>(*m_database);
    m_throttles = std::make_unique<ThrottleStore>(*m_database);
    m_tickets = std::make_unique<TicketStore>(*m_database);
    m_sessions = std::make_unique<SessionStore>(*m_database);
    m_auditStore = std::make_unique<AuditStore>(*m_database);
    m_hasher = std::make_unique<PasswordHasher>(m_config.argon2);
    try {
        m_key = std::make_unique<ServerKey>(ServerKey::loadOrCreate(m_config.keyFile));
    } catch (const std::runtime_error& e) {
        throw ConfigError(std::string("security.keyFile: ") + e.what());
    }
    // Codes hashed by one instance are checked by another: they must share the key. The
    // first instance leaves the key's fingerprint in the database; another key is refused
    // here rather than as every other login failing.
    if (ServerSettingStore(*m_database).claim("server_key_fingerprint", m_key->fingerprint()) !=
        m_key->fingerprint())
        throw ConfigError("security.keyFile: " + m_config.keyFile +
                          " is not the key this database is used with; every instance on "
                          "one database must use a copy of the same key file");
    m_audit = std::make_unique<AuditTrail>(*m_auditStore, m_clock);
    m_throttle = std::make_unique<LoginThrottle>(*m_throttles, m_config.auth);
    m_passwords = std::make_unique<PasswordAuthenticator>(*m_accounts, *m_hasher, *m_throttle,
                                                          *m_audit, m_clock);
    if (m_config.mailTransport == ServerConfig::MailTransport::Smtp)
        m_mailer = std::make_unique<SmtpMailer>(m_config.smtp, m_config.mailFrom);
    else
        m_mailer = std::make_unique<FileMailer>(m_config.mailOutbox, m_config.mailFrom);
    m_otpMail = mail<OtpMail>(
        mailTemplate<OtpMail>(m_config.otpTemplateFile, m_config.otpSubject, "mail.otp.template"),
        m_config.portalName, "mail.otp.template");
    m_resetMail = mail<PasswordResetMail>(
        mailTemplate<PasswordResetMail>(m_config.resetTemplateFile, m_config.resetSubject,
                                        "mail.reset.template"),
        m_config.portalName, "mail.reset.template");
    m_changedMail = mail<PasswordChangedMail>(
        mailTemplate<PasswordChangedMail>(m_config.changedTemplateFile, m_config.changedSubject,
                                          "mail.passwordChanged.template"),
        m_config.portalName, "mail.passwordChanged.template");
    m_tasks = std::make_unique<TaskQueue>();
    m_launchTickets = std::make_unique<LaunchTickets>(*m_tickets, m_config.auth, m_clock);
    m_sessionManager = std::make_unique<SessionManager>(*m_database, *m_sessions, *m_accounts,
                                                        *m_audit, m_config.auth, m_clock);
    m_otpLogin = std::make_unique<OtpLogin>(
        OtpLogin::Dependencies{*m_accounts, *m_flows, *m_passwords, *m_launchTickets, *m_mailer,
                               *m_otpMail, *m_key, *m_audit, m_config.auth, m_clock});
    std::vector<std::string> methods = {"otp"};
    if (m_config.cps.enabled()) {
        try {
            m_certificateValidator = std::make_unique<CertificateValidator>(m_config.cps, m_clock);
        } catch (const std::runtime_error& e) {
            throw ConfigError(std::string("cps.trustStore / cps.crl: ") + e.what());
        }
        m_cpsLogin = std::make_unique<CpsLogin>(CpsLogin::Dependencies{
            *m_accounts, *m_flows, *m_passwords, *m_launchTickets, *m_certificateValidator,
            *m_audit, m_config.auth, m_config.cps, m_clock, m_config.publicOrigin});
        methods.push_back("cps");
    }
    m_resetTokens = std::make_unique<ResetTokenStore>(*m_database);
    m_passwordReset = std::make_unique<PasswordReset>(PasswordReset::Dependencies{
        *m_accounts, *m_resetTokens, *m_throttles, *m_throttle, *m_hasher,
        PasswordPolicy(m_config.passwordPolicy), *m_mailer, *m_tasks, *m_resetMail, *m_changedMail,
        *m_audit, *m_sessionManager, m_config.reset, m_clock, m_config.publicOrigin});
    if (m_config.dcc.enabled()) {
        try {
            m_dccAssertion =
                std::make_unique<DccAssertion>(m_config.dcc, m_config.publicOrigin, m_clock);
        } catch (const std::runtime_error& e) {
            throw ConfigError(std::string("dcc.signingKey: ") + e.what());
        }
    }
    m_metrics = std::make_unique<Metrics>();
    m_services = std::make_unique<ApiServices>(ApiServices{*m_otpLogin,
                                                           m_cpsLogin.get(),
                                                           *m_passwordReset,
                                                           m_dccAssertion.get(),
                                                           *m_sessionManager,
                                                           *m_sessions,
                                                           *m_launchTickets,
                                                           *m_metrics,
                                                           m_clock,
                                                           m_config.auth,
                                                           PasswordPolicy(m_config.passwordPolicy),
                                                           m_config.publicOrigin,
                                                           m_version,
                                                           methods,
                                                           m_config.tls(),
                                                           {}});
    m_services->infoFields = InfoEndpoint::fixedFields(*m_services);
}

ServerComponents::~ServerComponents()
{
    // Queued work (reset links, password-changed notices) calls the services declared
    // before the queue, which members destroyed in reverse order would free first: run it
    // out, and stop the queue's thread, while they all still exist.
    m_tasks.reset();
}

std::vector<Route> ServerComponents::routes()
{
    using Kind = RequestContext::Kind;
    auto route = [](std::string method, std::string_view path, std::string name,
                    Route::Factory create, Kind kind = Kind::Api, std::string loginMethod = {},
                    std::string loginStep = {}) {
        Route r;
        r.method = std::move(method);
        r.path = std::string(path);
        r.name = std::move(name);
        r.create = std::move(create);
        r.kind = kind;
        r.loginMethod = std::move(loginMethod);
        r.loginStep = std::move(loginStep);
        return r;
    };
    // An API endpoint class built with the shared services.
    const ApiServices& s = *m_services;
    auto api = [&s]<typename EndpointType>() -> Route::Factory {
        return [&s](std::shared_ptr<RequestContext> context) {
            return std::make_unique<EndpointType>(std::move(context), s);
        };
    };
    SessionManager& sessions = *m_sessionManager;
    LaunchTickets& tickets = *m_launchTickets;
    const bool secure = m_config.tls();
    const int maxAge = m_config.auth.sessionAbsoluteTimeout;
    const DccAssertion* assertion = m_dccAssertion.get();
    PasswordReset& reset = *m_passwordReset;
    const int resetMinutes = m_config.reset.tokenLifetime / 60;
    // The endpoints the connection loops answer themselves (Route::quick): always, or a
    // session check when the session is in the cache.
    const auto quick = [](Route r, Route::Quick when) {
        r.quick = std::move(when);
        return r;
    };
    const Route::Quick always = [](const Poco::Net::HTTPRequest&) {
        return true;
    };
    const Route::Quick sessionCached = [&sessions, secure](const Poco::Net::HTTPRequest& head) {
        return sessions.answersFromMemory(SessionCookie(secure).read(head));
    };
    namespace path = protocol::path;
    std::vector<Route> routes = {
        quick(route("GET", path::kInfo, "info", api.operator()<InfoEndpoint>()), always),
        route("POST", path::kOtpStart, "otp_start", api.operator()<OtpStartEndpoint>(), Kind::Api,
              "otp", "start"),
        route("POST", path::kOtpResend, "otp_resend", api.operator()<OtpResendEndpoint>(),
              Kind::Api, "otp", "resend"),
        route("POST", path::kOtpVerify, "otp_verify", api.operator()<OtpVerifyEndpoint>(),
              Kind::Api, "otp", "verify"),
        quick(route("GET", path::kSession, "session", api.operator()<SessionEndpoint>()),
              sessionCached),
        route("POST", path::kLogout, "logout", api.operator()<LogoutEndpoint>()),
        route("GET", path::kMetrics, "metrics", api.operator()<MetricsEndpoint>()),
        quick(route("GET", path::kHealth, "healthz",
                    [](std::shared_ptr<RequestContext> context) {
                        return std::make_unique<HealthEndpoint>(std::move(context));
                    }),
              always),
        route(
            "GET", path::kLaunch, "launch",
            [&tickets, &sessions, assertion, secure,
             maxAge](std::shared_ptr<RequestContext> context) {
                return std::make_unique<LaunchEndpoint>(std::move(context), tickets, sessions,
                                                        assertion, secure, maxAge);
            },
            Kind::Page),
        route(
            "GET", path::kDemoDcc, "dcc",
            [&sessions, secure](std::shared_ptr<RequestContext> context) {
                return std::make_unique<DemoDccEndpoint>(std::move(context), sessions, secure);
            },
            Kind::Page),
    };
    routes.push_back(route("POST", path::kPasswordForgot, "password_forgot",
                           api.operator()<PasswordForgotEndpoint>()));
    routes.push_back(route("POST", path::kPasswordReset, "password_reset",
                           api.operator()<PasswordResetEndpoint>()));
    routes.push_back(route(
        "GET", path::kResetPage, "reset_page",
        [&reset, resetMinutes](std::shared_ptr<RequestContext> context) {
            return std::make_unique<ResetPageEndpoint>(std::move(context), reset, resetMinutes);
        },
        Kind::Page));
    routes.push_back(route(
        "POST", path::kResetPage, "reset_form",
        [&reset, resetMinutes](std::shared_ptr<RequestContext> context) {
            return std::make_unique<ResetFormEndpoint>(std::move(context), reset, resetMinutes);
        },
        Kind::Page));
    if (m_dccAssertion)
        routes.push_back(
            quick(route("GET", path::kJwks, "jwks", api.operator()<JwksEndpoint>()), always));
    if (m_cpsLogin) {
        routes.push_back(route("POST", path::kCpsChallenge, "cps_challenge",
                               api.operator()<CpsChallengeEndpoint>(), Kind::Api, "cps",
                               "challenge"));
        routes.push_back(route("POST", path::kCpsVerify, "cps_verify",
                               api.operator()<CpsVerifyEndpoint>(), Kind::Api, "cps", "verify"));
    }
    return routes;
}

Router* ServerComponents::makeRouter()
{
    Router::Options options;
    options.maxBodyBytes = protocol::kMaxBodyBytes;
    options.secure = m_config.tls();
    options.trustedProxies = m_config.trustedProxies;
    options.errorPage = [](ErrorCode error, const std::string& acceptLanguage) {
        return ErrorPage::forError(error, pageLanguageFrom(acceptLanguage));
    };
    options.pageSecurityPolicy = HtmlPage::contentSecurityPolicy();
    return new Router(routes(), *m_metrics, std::move(options));
}

void ServerComponents::purgeExpired()
{
    const std::int64_t now = m_clock.now();
    m_flows->purge(now, now - m_config.auth.otpCodesWindow);
    m_tickets->purge(now);
    m_sessions->purge(now);
    m_throttles->purge(now - std::max(m_config.auth.failureWindow, m_config.reset.window));
    m_resetTokens->purge(now);
}

bool ServerComponents::flushMails(std::chrono::milliseconds timeout)
{
    return m_tasks->flush(timeout);
}

} // namespace dcc::server
