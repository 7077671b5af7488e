#include "tests/server/InProcessServer.h"

#include "server/app/HttpListener.h"
#include "server/app/ServerComponents.h"
#include "server/auth/PasswordHasher.h"
#include "server/store/AccountStore.h"
#include "tests/server/TestDatabases.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/TestPki.h"

#include <Poco/Net/ServerSocket.h>
#include <QDir>
#include <QFile>
#include <QTest>

#include <stdexcept>

namespace dcc::test {

namespace {

std::uint16_t freeLoopbackPort()
{
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const std::uint16_t port = probe.address().port();
    probe.close();
    return port;
}

} // namespace

InProcessServer::InProcessServer(const std::function<void(dcc::server::ServerConfig&)>& tweak)
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot create a temporary folder");
    m_config.address = "127.0.0.1";
    m_config.port = freeLoopbackPort();
    m_config.publicOrigin = "http://127.0.0.1:" + std::to_string(m_config.port);
    m_config.database = TestDatabases::fresh(m_dir.filePath("dcc-login.db").toStdString());
    m_config.keyFile = m_dir.filePath("server.key").toStdString();
    m_config.argon2 = {1024, 1, 1};
    m_config.mailTransport = dcc::server::ServerConfig::MailTransport::File;
    m_config.mailOutbox = m_dir.filePath("outbox").toStdString();
    m_config.mailFrom = {"webdcr@onco-hdf.fr", "DCC ONCO HDF"};
    m_config.maxThreads = 8;
    if (tweak)
        tweak(m_config);
    m_components = std::make_unique<dcc::server::ServerComponents>(m_config, m_clock, "test");
    m_listener = std::make_unique<dcc::server::HttpListener>(m_config, m_components->makeRouter());
    m_listener->start();
    // Where this instance listens: its public origin may be a load balancer's in front of
    // several (TestMultiInstance).
    m_baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_config.port);
}

void InProcessServer::trustTestPki(dcc::server::ServerConfig& config)
{
    config.cps.trustStore = TestPki::path("trust-store.pem").toStdString();
    config.cps.crlPaths = {TestPki::path("personnes-ca.crl.pem").toStdString()};
    config.cps.revocation = dcc::server::CpsSettings::Revocation::FailClosed;
}

InProcessServer::~InProcessServer()
{
    if (m_listener)
        m_listener->stop();
}

std::int64_t InProcessServer::addAccount(const std::string& identifier, const std::string& email,
                                         const std::string& displayName,
                                         const std::string& password,
                                         const std::optional<std::string>& nationalId)
{
    dcc::server::NewAccount account;
    account.identifier = identifier;
    account.email = email;
    account.displayName = displayName;
    account.passwordHash = m_components->hasher().hash(password);
    account.nationalId = nationalId;
    return m_components->accounts().create(account, m_clock.now());
}

QStringList InProcessServer::newMails()
{
    // Reset links and notices go through the mail queue: let it hand them over first.
    m_components->flushMails(std::chrono::seconds(10));
    QStringList fresh;
    const QDir outbox(QString::fromStdString(m_config.mailOutbox));
    for (const QString& name : outbox.entryList({"*.eml"}, QDir::Files, QDir::Name)) {
        if (!m_seenMails.contains(name)) {
            m_seenMails.insert(name);
            fresh << outbox.filePath(name);
        }
    }
    return fresh;
}

QString InProcessServer::newCode()
{
    const QStringList mails = newMails();
    if (mails.size() != 1) {
        QTest::qFail(
            qPrintable(QString("expected exactly one new mail, found %1").arg(mails.size())),
            __FILE__, __LINE__);
        return {};
    }
    return ServerProcess::codeFromMail(ServerProcess::readMail(mails.front()));
}

} // namespace dcc::test
