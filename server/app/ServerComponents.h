#pragma once

#include "server/app/ServerConfig.h"
#include "server/http/Route.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace dcc::server {

class AccountStore;
class AuditStore;
class AuditTrail;
class CertificateValidator;
class Clock;
class CpsLogin;
class DccAssertion;
class Database;
class FlowStore;
class LaunchTickets;
class LoginThrottle;
class Mailer;
class OtpMail;
class Metrics;
class OtpLogin;
class PasswordAuthenticator;
class PasswordChangedMail;
class PasswordHasher;
class PasswordReset;
class PasswordResetMail;
class ResetTokenStore;
class Router;
class TaskQueue;
class ServerKey;
class SessionManager;
class SessionStore;
class ThrottleStore;
class TicketStore;
struct ApiServices;

/// The composition root: builds every store, service and route of one server from its
/// configuration and a clock. The application runs it behind a socket; tests build it
/// in-process with a clock they move.
class ServerComponents
{
public:
    ServerComponents(const ServerConfig& config, const Clock& clock, std::string version);
    ~ServerComponents();
    ServerComponents(const ServerComponents&) = delete;
    ServerComponents& operator=(const ServerComponents&) = delete;

    /// A new router for an HttpListener (which takes ownership).
    [[nodiscard]] Router* makeRouter();

    Database& database() { return *m_database; }
    AccountStore& accounts() { return *m_accounts; }
    AuditStore& auditStore() { return *m_auditStore; }
    LoginThrottle& throttle() { return *m_throttle; }
    const PasswordHasher& hasher() const { return *m_hasher; }
    /// Deletes expired flows, tickets, sessions, reset links and quiet throttles.
    void purgeExpired();
    /// Waits until the work done after the answers (reset links, notices) is done.
    bool flushMails(std::chrono::milliseconds timeout);

private:
    std::vector<Route> routes();

    ServerConfig m_config;
    const Clock& m_clock;
    std::string m_version;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<FlowStore> m_flows;
    std::unique_ptr<ThrottleStore> m_throttles;
    std::unique_ptr<TicketStore> m_tickets;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<AuditStore> m_auditStore;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<ServerKey> m_key;
    std::unique_ptr<AuditTrail> m_audit;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<PasswordAuthenticator> m_passwords;
    std::unique_ptr<Mailer> m_mailer;
    std::unique_ptr<OtpMail> m_otpMail;
    std::unique_ptr<LaunchTickets> m_launchTickets;
    std::unique_ptr<SessionManager> m_sessionManager;
    std::unique_ptr<OtpLogin> m_otpLogin;
    std::unique_ptr<CertificateValidator> m_certificateValidator;
    std::unique_ptr<CpsLogin> m_cpsLogin;
    std::unique_ptr<ResetTokenStore> m_resetTokens;
    std::unique_ptr<TaskQueue> m_tasks;
    std::unique_ptr<PasswordResetMail> m_resetMail;
    std::unique_ptr<PasswordChangedMail> m_changedMail;
    std::unique_ptr<PasswordReset> m_passwordReset;
    std::unique_ptr<DccAssertion> m_dccAssertion;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<ApiServices> m_services;
};

} // namespace dcc::server
