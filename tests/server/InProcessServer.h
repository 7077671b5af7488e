#pragma once

#include "server/app/ServerConfig.h"
#include "tests/server/ManualClock.h"

#include <QSet>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace dcc::server {
class HttpListener;
class ServerComponents;
} // namespace dcc::server

namespace dcc::test {

/// The whole server (ServerComponents behind a real HTTP listener on a loopback port) in
/// the test process, with a fresh database, the file mail transport and a ManualClock, so
/// that tests of expiry and cooldowns move time instead of waiting for it. Argon2id runs
/// with small parameters here (the real ones are exercised by the process tests).
class InProcessServer
{
public:
    explicit InProcessServer(const std::function<void(dcc::server::ServerConfig&)>& tweak = {});
    ~InProcessServer();

    [[nodiscard]] QString baseUrl() const { return m_baseUrl; }
    [[nodiscard]] ManualClock& clock() { return m_clock; }
    [[nodiscard]] dcc::server::ServerComponents& components() { return *m_components; }
    [[nodiscard]] const dcc::server::ServerConfig& config() const { return m_config; }

    /// CPS login on: the test PKI's trust store and CRL, revocation checked (fail-closed).
    static void trustTestPki(dcc::server::ServerConfig& config);

    /// Creates an account with this password (hashed as the server does).
    std::int64_t addAccount(const std::string& identifier, const std::string& email,
                            const std::string& displayName, const std::string& password,
                            const std::optional<std::string>& nationalId = std::nullopt);

    /// The mails written since the last call (the file transport is synchronous: when the
    /// HTTP answer is in, so is the mail).
    QStringList newMails();
    /// The code of the one mail written since the last call; fails the test otherwise.
    QString newCode();

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    dcc::server::ServerConfig m_config;
    std::unique_ptr<dcc::server::ServerComponents> m_components;
    std::unique_ptr<dcc::server::HttpListener> m_listener;
    QString m_baseUrl;
    QSet<QString> m_seenMails;
};

} // namespace dcc::test
