// Faults of what the server depends on (issue 13): the SMTP relay failing in the middle of a
// session, the database locked by another writer, on a full disk or read-only, and the
// process killed with SIGKILL while logins run. Each time: a clear answer (503 with its
// error code, or a clear refusal to start), nothing half-made or corrupted, and the service
// back as soon as the fault is gone. Always the real dcc-login-server process.
#include "tests/server/ApiAssertions.h"
#include "tests/server/InProcessServer.h"
#include "tests/support/DirectoryWatch.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/faults/ScriptedSmtpServer.h"
#include "tests/support/faults/SqliteFile.h"
#include "tests/support/faults/TmpfsMount.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <Poco/JSON/Object.h>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using dcc::test::HttpTestClient;
using dcc::test::InProcessServer;
using dcc::test::ReceivedMail;
using dcc::test::ScriptedSmtpServer;
using dcc::test::ServerProcess;
using dcc::test::SqliteFile;
using dcc::test::TmpfsMount;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kPassword = "Soleil-2024";
constexpr std::size_t kDiskBytes = 4 * 1024 * 1024;

Poco::JSON::Object credentials(const std::string& identifier = "j.dupont",
                               const std::string& password = kPassword)
{
    Poco::JSON::Object body;
    body.set("identifier", identifier);
    body.set("password", password);
    return body;
}

std::string flowOf(const HttpTestClient::Response& answer)
{
    return answer.json()->getValue<std::string>("flow");
}

HttpTestClient::Response verifyCode(HttpTestClient& client, const std::string& flow,
                                    const QString& code)
{
    Poco::JSON::Object body;
    body.set("flow", flow);
    body.set("code", code.toStdString());
    return client.postJson("/api/v1/auth/otp/verify", body);
}

void addAccount(ServerProcess& server, const QString& identifier, const QString& email,
                const QByteArray& password = kPassword)
{
    const auto added = server.runCli(
        {"user", "add", identifier, "--email=" + email, "--name=" + identifier.toUpper()},
        password + "\n");
    if (added.exitCode != 0)
        throw std::runtime_error("user add " + identifier.toStdString() + ": " +
                                 added.standardError.toStdString());
}

qint64 millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

/// The next outbox mail addressed to `email` whose body contains `needle`, among those `seen`
/// does not hold yet (every mail looked at is added to it), waiting up to `timeoutMs`; a
/// null mail when none came or `stop` was raised.
ReceivedMail nextMailFor(const ServerProcess& server, const QString& email, const QString& needle,
                         QSet<QString>& seen, int timeoutMs, const std::atomic<bool>* stop)
{
    const QDeadlineTimer deadline(timeoutMs);
    dcc::test::DirectoryWatch outbox(server.outboxDir()); // before the first look
    while (!deadline.hasExpired() && (stop == nullptr || !stop->load())) {
        for (const QString& path : server.outboxMessages()) {
            if (seen.contains(path))
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ReceivedMail mail = ReceivedMail::parse(file.readAll(), path);
            if (!mail.header("To").contains(email, Qt::CaseInsensitive))
                continue;
            seen.insert(path);
            if (mail.body().contains(needle))
                return mail;
        }
        // A new mail, or at the latest a tenth of a second to look at `stop` again.
        outbox.waitForChange(
            static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 1, 100)));
    }
    return {};
}

// Identifiers of the form the server accepts (j.dupont): a.login, b.login, …
QString loginIdentifier(int index)
{
    return QChar(u'a' + index) + QStringLiteral(".login");
}
QString resetIdentifier(int index)
{
    return QChar(u'a' + index) + QStringLiteral(".reset");
}

QString codeIn(const QString& text)
{
    return ServerProcess::codeFromMail(text);
}

} // namespace

Q_DECLARE_METATYPE(dcc::test::ScriptedSmtpServer::Script)

class TestFaults : public QObject
{
    Q_OBJECT

    /// A server whose mails go through `smtp`, with no wait before a new code.
    static void useScriptedSmtp(ServerProcess& server, const ScriptedSmtpServer& smtp)
    {
        server.set("mail.transport", "smtp");
        server.set("mail.smtp.host", "127.0.0.1");
        server.set("mail.smtp.port", QString::number(smtp.port()));
        server.set("mail.smtp.tls", "none");
        server.set("mail.smtp.timeoutMs", "3000");
        server.set("otp.resendDelay", "0");
    }

private Q_SLOTS:
    // ---- SMTP ----

    void smtpFailingMidSessionLeavesNoHalfMadeFlow_data()
    {
        QTest::addColumn<ScriptedSmtpServer::Script>("failure");
        QTest::newRow("recipient refused (550)") << ScriptedSmtpServer::Script::RefuseRecipient;
        QTest::newRow("connection dropped after MAIL FROM")
            << ScriptedSmtpServer::Script::DropAfterSender;
        QTest::newRow("message refused after DATA (451)")
            << ScriptedSmtpServer::Script::RefuseAfterData;
    }
    void smtpFailingMidSessionLeavesNoHalfMadeFlow()
    {
        QFETCH(ScriptedSmtpServer::Script, failure);
        ScriptedSmtpServer smtp;
        ServerProcess server;
        useScriptedSmtp(server, smtp);
        addAccount(server, "j.dupont", "jean.dupont@hopital.fr");
        server.start();
        HttpTestClient client(server.baseUrl());
        SqliteFile database(server.property("database.path"));

        // A login started while the relay fails: 503 mail_unavailable, fast, and no flow or
        // spent code left behind.
        smtp.setScript(failure);
        const auto started = Clock::now();
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials()), 503,
                           "mail_unavailable");
        QVERIFY2(millisecondsSince(started) < 5000, "the answer waited too long");
        QCOMPARE(smtp.failedSessions(), 1);
        QCOMPARE(database.value("SELECT COUNT(*) FROM login_flows"), QString("0"));
        QCOMPARE(database.value("SELECT COUNT(*) FROM code_sends"), QString("0"));

        // The relay is back: a login goes through.
        smtp.setScript(ScriptedSmtpServer::Script::Deliver);
        const auto good = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(good, 200, "");
        QCOMPARE(smtp.delivered().size(), 1);
        const QString firstCode = codeIn(smtp.delivered().front());

        // It fails again during "Recevoir un nouveau code": 503, and the code already
        // mailed is still the one that works (the replacement was undone).
        smtp.setScript(failure);
        Poco::JSON::Object resend;
        resend.set("flow", flowOf(good));
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp/resend", resend), 503,
                           "mail_unavailable");
        QCOMPARE(smtp.failedSessions(), 2);
        QCOMPARE(database.value("SELECT COUNT(*) FROM code_sends"), QString("1"));
        DCC_COMPARE_ANSWER(verifyCode(client, flowOf(good), firstCode), 200, "");
    }

    // ---- Database ----

    void databaseLockedByAnotherWriterAnswers503ThenRecovers()
    {
        ServerProcess server;
        server.set("database.busyTimeoutMs", "300");
        addAccount(server, "j.dupont", "jean.dupont@hopital.fr");
        server.start();
        HttpTestClient client(server.baseUrl());
        const QString path = server.property("database.path");

        {
            // Another process takes the write lock and keeps it past the busy timeout.
            SqliteFile other(path);
            other.query("BEGIN EXCLUSIVE");
            const auto started = Clock::now();
            DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials()), 503,
                               "service_unavailable");
            const qint64 waited = millisecondsSince(started);
            qInfo("locked database: 503 after %lld ms (busy timeout 300 ms)", waited);
            QVERIFY2(waited < 3000, qPrintable(QString("waited %1 ms").arg(waited)));
            // What needs no write still answers.
            QCOMPARE(client.get("/healthz").status, 200);
            DCC_COMPARE_ANSWER(client.get("/api/v1/info"), 200, "");
            other.query("ROLLBACK");
        }
        QVERIFY(server.output().contains("database unavailable"));

        // The lock is gone: the whole login works, nothing half-made was left.
        const auto started = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        const QStringList mails = server.waitForOutboxMessages(1);
        DCC_COMPARE_ANSWER(
            verifyCode(client, flowOf(started),
                       ServerProcess::codeFromMail(ServerProcess::readMail(mails.last()))),
            200, "");
        server.stop();
        QCOMPARE(SqliteFile(path).value("SELECT COUNT(*) FROM login_flows"), QString("1"));
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
    }

    void fullDiskAnswers503ThenRecovers()
    {
        TmpfsMount disk(kDiskBytes);
        if (!disk.mounted())
            QSKIP(qPrintable("a small file system cannot be mounted here (" + disk.why() +
                             "); the full disk is not tested"));
        ServerProcess server;
        const QString path = disk.filePath("dcc-login.db");
        server.set("database.path", path);
        addAccount(server, "j.dupont", "jean.dupont@hopital.fr");
        server.start();
        HttpTestClient client(server.baseUrl());

        // A login acknowledged before the disk fills up.
        const auto before = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(before, 200, "");
        const QString beforeCode = ServerProcess::codeFromMail(
            ServerProcess::readMail(server.waitForOutboxMessages(1).last()));

        const std::size_t filled = disk.fill("filler");
        QVERIFY(filled > 0);
        qInfo("disk filled with %zu bytes of %zu", filled, kDiskBytes);
        for (int i = 0; i < 3; ++i)
            DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials()), 503,
                               "service_unavailable");
        QCOMPARE(client.get("/healthz").status, 200);
        QVERIFY(server.output().contains("database unavailable"));

        // Space again: the earlier login ends, new ones start.
        QVERIFY(QFile::remove(disk.filePath("filler")));
        DCC_COMPARE_ANSWER(verifyCode(client, flowOf(before), beforeCode), 200, "");
        DCC_COMPARE_ANSWER(client.postJson("/api/v1/auth/otp", credentials()), 200, "");
        server.stop();
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
        QCOMPARE(SqliteFile(path).value("SELECT COUNT(*) FROM login_flows"), QString("2"));
    }

    // The same fault without mounting anything (where mount is refused, this still runs):
    // the server's file size limit (RLIMIT_FSIZE, as a disk quota) set just above its
    // database, so that its WAL soon cannot grow; writes fail with EFBIG (SQLITE_IOERR)
    // instead of ENOSPC (SQLITE_FULL), the store's translation is the same. Lifted from
    // outside while the server runs, and the service is back.
    void fileSizeLimitAnswers503ThenRecovers()
    {
        ServerProcess server;
        addAccount(server, "j.dupont", "jean.dupont@hopital.fr");
        const QString path = server.property("database.path");
        const qint64 databaseBytes = QFileInfo(path).size();
        QVERIFY(databaseBytes > 0);
        server.setFileSizeLimit(databaseBytes); // the WAL may hold a few pages at most
        server.start();
        HttpTestClient client(server.baseUrl());

        int accepted = 0;
        int unavailable = 0;
        for (int i = 0; i < 60 && unavailable < 3; ++i) {
            const auto answer = client.postJson("/api/v1/auth/otp", credentials());
            if (answer.status == 200)
                ++accepted;
            else
                DCC_COMPARE_ANSWER(answer, 503, "service_unavailable");
            unavailable += answer.status == 503 ? 1 : 0;
        }
        qInfo("file size limit %lld bytes: %d logins started, then 503", databaseBytes, accepted);
        QCOMPARE(unavailable, 3);
        QCOMPARE(client.get("/healthz").status, 200);

        QVERIFY(server.raiseFileSizeLimit());
        const auto started = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(started, 200, "");
        const QStringList mails = server.waitForOutboxMessages(accepted + 1);
        DCC_COMPARE_ANSWER(
            verifyCode(client, flowOf(started),
                       ServerProcess::codeFromMail(ServerProcess::readMail(mails.last()))),
            200, "");
        server.stop();
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
        QCOMPARE(SqliteFile(path).value("SELECT COUNT(*) FROM login_flows"),
                 QString::number(accepted + 1));
    }

    void readOnlyDatabaseIsRefusedClearlyThenRecovers()
    {
        TmpfsMount disk(kDiskBytes);
        if (!disk.mounted())
            QSKIP(qPrintable("a small file system cannot be mounted here (" + disk.why() +
                             "); the read-only database is not tested"));
        ServerProcess server;
        const QString path = disk.filePath("dcc-login.db");
        server.set("database.path", path);
        addAccount(server, "j.dupont", "jean.dupont@hopital.fr");
        server.start();
        HttpTestClient client(server.baseUrl());
        const auto before = client.postJson("/api/v1/auth/otp", credentials());
        DCC_COMPARE_ANSWER(before, 200, "");
        const QString beforeCode = ServerProcess::codeFromMail(
            ServerProcess::readMail(server.waitForOutboxMessages(1).last()));

        // While the server has its database open for writing, the system refuses to make
        // that file system read-only (EBUSY): a running server cannot see its database turn
        // read-only under it. The case that happens is a server started on a read-only
        // database (a volume mounted read-only, a restored snapshot).
        QCOMPARE(disk.remount(true), EBUSY);
        server.stop();
        QCOMPARE(disk.remount(true), 0);

        const auto refused = server.runCli({}, {}, 15000); // the server itself, in the foreground
        QVERIFY2(refused.exitCode != 0 && !refused.crashed,
                 qPrintable(QString("exit %1").arg(refused.exitCode)));
        const QString said = QString::fromUtf8(refused.standardError + refused.standardOutput);
        QVERIFY2(said.contains(path) && said.contains("read-only file system"), qPrintable(said));

        // Writable again: the server starts and the login acknowledged before ends well.
        QCOMPARE(disk.remount(false), 0);
        server.start();
        DCC_COMPARE_ANSWER(verifyCode(client, flowOf(before), beforeCode), 200, "");
        server.stop();
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
    }

    // ---- Shutting down ----

    // Reset links are mailed after the answer, from a queue. A server stopped with links
    // still queued sends them before it goes, and does not crash doing so (the queue used
    // to be drained after the reset service it calls had been destroyed).
    void stoppingWithQueuedMailsSendsThemFirst()
    {
        ScriptedSmtpServer smtp;
        smtp.setGreetingDelay(std::chrono::milliseconds(40)); // a slow relay: links queue up
        constexpr int kRequests = 30;
        {
            InProcessServer server([&smtp](dcc::server::ServerConfig& config) {
                config.mailTransport = dcc::server::ServerConfig::MailTransport::Smtp;
                config.smtp.host = "127.0.0.1";
                config.smtp.port = smtp.port();
                config.smtp.security = dcc::server::SmtpSettings::Security::None;
                config.reset.requestsPerIdentifier = 1000;
                config.reset.requestsPerAddress = 1000;
            });
            server.addAccount("j.dupont", "jean.dupont@hopital.fr", "Jean DUPONT", kPassword);
            HttpTestClient client(server.baseUrl());
            Poco::JSON::Object forgot;
            forgot.set("identifier", "j.dupont");
            for (int i = 0; i < kRequests; ++i)
                QCOMPARE(client.postJson("/api/v1/password/forgot", forgot).status, 202);
            QVERIFY2(smtp.delivered().size() < kRequests, "nothing was left in the queue");
        } // stopped at once, links still queued
        QCOMPARE(smtp.delivered().size(), kRequests);
    }

    // ---- SIGKILL under load ----

    void sigkillDuringLoginsLosesNothingAcknowledged()
    {
        ServerProcess server;
        // Cheaper Argon2id so that the load is logins, not hashing; no quota in the way.
        server.set("password.argon2.memoryKiB", "8192");
        server.set("password.argon2.iterations", "1");
        server.set("otp.maxCodesPerWindow", "100");
        server.set("reset.requestsPerIdentifier", "1000");
        server.set("reset.requestsPerAddress", "100000");
        constexpr int kLoginWorkers = 3;
        constexpr int kResetWorkers = 2;
        for (int i = 0; i < kLoginWorkers; ++i)
            addAccount(server, loginIdentifier(i), QString("login%1@hopital.fr").arg(i));
        for (int i = 0; i < kResetWorkers; ++i)
            addAccount(server, resetIdentifier(i), QString("reset%1@hopital.fr").arg(i));
        server.start();
        const QString path = server.property("database.path");

        std::atomic<bool> stop{false};
        std::atomic<bool> killing{false}; // failures from then on are the kill's doing
        std::atomic<int> acknowledged{0};
        std::mutex mutex;
        std::condition_variable progressed; // an acknowledgement or a problem, under `mutex`
        std::vector<std::string> sessions;  // session cookies the clients received
        struct PasswordState
        {
            std::string acknowledged = kPassword; ///< last password a 204 confirmed
            std::string inFlight;                 ///< sent, answer never came
        };
        std::vector<PasswordState> passwords(kResetWorkers);
        QStringList problems; // failures before the kill (a worker cannot QVERIFY)

        auto loginWorker = [&](int index) {
            HttpTestClient client(server.baseUrl());
            const std::string identifier = loginIdentifier(index).toStdString();
            const QString email = QString("login%1@hopital.fr").arg(index);
            QSet<QString> seen;
            try {
                while (!stop.load()) {
                    const auto started =
                        client.postJson("/api/v1/auth/otp", credentials(identifier));
                    if (started.status != 200)
                        throw std::runtime_error("otp: " + started.body);
                    const ReceivedMail mail =
                        nextMailFor(server, email, "10 minutes", seen, 10000, &stop);
                    if (mail.isNull())
                        break;
                    const auto done = verifyCode(client, flowOf(started), codeIn(mail.body()));
                    if (done.status != 200)
                        throw std::runtime_error("verify: " + done.body);
                    const std::string url = done.json()->getValue<std::string>("launch_url");
                    const auto launched = client.get(url.substr(url.find("/launch")));
                    const auto cookie = launched.cookie("dcc_session");
                    if (launched.status != 302 || !cookie)
                        throw std::runtime_error("launch: " + launched.body);
                    const std::lock_guard lock(mutex);
                    sessions.push_back(*cookie);
                    ++acknowledged;
                    progressed.notify_all();
                }
            } catch (const std::exception& e) {
                if (!killing.load()) {
                    const std::lock_guard lock(mutex);
                    problems.append(QString::fromStdString(identifier + ": " + e.what()));
                    progressed.notify_all();
                }
            }
        };
        auto resetWorker = [&](int index) {
            HttpTestClient client(server.baseUrl());
            const std::string identifier = resetIdentifier(index).toStdString();
            const QString email = QString("reset%1@hopital.fr").arg(index);
            QSet<QString> seen;
            try {
                for (int round = 1; !stop.load(); ++round) {
                    Poco::JSON::Object forgot;
                    forgot.set("identifier", identifier);
                    const auto asked = client.postJson("/api/v1/password/forgot", forgot);
                    if (asked.status != 202)
                        throw std::runtime_error("forgot: " + asked.body);
                    const ReceivedMail mail =
                        nextMailFor(server, email, "token=", seen, 10000, &stop);
                    if (mail.isNull())
                        break;
                    const auto link =
                        QRegularExpression("token=([A-Za-z0-9_-]+)").match(mail.body());
                    if (!link.hasMatch())
                        throw std::runtime_error("no reset link in the mail");
                    const std::string password = "Nouveau-" + std::to_string(round) + "x";
                    Poco::JSON::Object reset;
                    reset.set("token", link.captured(1).toStdString());
                    reset.set("password", password);
                    {
                        const std::lock_guard lock(mutex);
                        passwords[static_cast<std::size_t>(index)].inFlight = password;
                    }
                    const auto changed = client.postJson("/api/v1/password/reset", reset);
                    if (changed.status != 204)
                        throw std::runtime_error("reset: " + changed.body);
                    const std::lock_guard lock(mutex);
                    passwords[static_cast<std::size_t>(index)] = {password, {}};
                    ++acknowledged;
                    progressed.notify_all();
                }
            } catch (const std::exception& e) {
                if (!killing.load()) {
                    const std::lock_guard lock(mutex);
                    problems.append(QString::fromStdString(identifier + ": " + e.what()));
                    progressed.notify_all();
                }
            }
        };

        std::vector<std::thread> workers;
        for (int i = 0; i < kLoginWorkers; ++i)
            workers.emplace_back(loginWorker, i);
        for (int i = 0; i < kResetWorkers; ++i)
            workers.emplace_back(resetWorker, i);
        {
            std::unique_lock lock(mutex);
            progressed.wait_for(lock, std::chrono::seconds(90),
                                [&] { return acknowledged.load() >= 40 || !problems.isEmpty(); });
        }
        const int acknowledgedBeforeKill = acknowledged.load();
        killing.store(true);
        server.kill(); // requests of every worker are in flight
        stop.store(true);
        for (auto& worker : workers)
            worker.join();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QVERIFY2(acknowledgedBeforeKill >= 40, "the load did not get going");
        QVERIFY(server.crashed());

        // The file as the crash left it: sound (SQLite replays its WAL on opening).
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
        server.start();
        HttpTestClient client(server.baseUrl());
        int sessionsChecked = 0;
        for (const std::string& cookie : sessions) {
            DCC_COMPARE_ANSWER(client.get("/api/v1/session", {{"Cookie", "dcc_session=" + cookie}}),
                               200, "");
            ++sessionsChecked;
        }
        int resetsInFlight = 0;
        for (int i = 0; i < kResetWorkers; ++i) {
            const PasswordState& state = passwords[static_cast<std::size_t>(i)];
            const std::string identifier = resetIdentifier(i).toStdString();
            const auto withAcknowledged =
                client.postJson("/api/v1/auth/otp", credentials(identifier, state.acknowledged));
            if (withAcknowledged.status == 200)
                continue;
            // Only a change whose answer never came may have gone either way.
            QVERIFY2(!state.inFlight.empty(),
                     qPrintable(QString("%1 lost its confirmed password change: %2")
                                    .arg(QString::fromStdString(identifier),
                                         QString::fromStdString(withAcknowledged.body))));
            DCC_COMPARE_ANSWER(
                client.postJson("/api/v1/auth/otp", credentials(identifier, state.inFlight)), 200,
                "");
            ++resetsInFlight;
        }
        qInfo("killed after %d acknowledged changes (%zu sessions, %d resets in flight "
              "committed); all found after restart",
              acknowledgedBeforeKill, sessions.size(), resetsInFlight);
        server.stop();
        QCOMPARE(SqliteFile::integrityCheck(path), QString("ok"));
        QVERIFY(sessionsChecked > 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "TestFaults.moc"
