#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace dcc::test {

/// The real dcc-login-server, started for one test on loopback with a fresh data folder.
///
/// The constructor picks a free port and a temporary folder and sets the default properties
/// (plain HTTP on 127.0.0.1, database, key file and mail outbox in the folder, mails from
/// no-reply@dcc-login.test, logs to the console); set() and setTls() change them before
/// start(), which writes them to configPath() and waits until GET /healthz answers 200.
/// Everything the server writes on stdout and stderr goes to a file in the folder (never to
/// a pipe that could fill up while a test blocks), read back by output().
///
/// The binary is the build's dcc-login-server (compile definition DCC_SERVER_BINARY), or
/// the one named by the environment variable DCC_TEST_SERVER_BINARY, or setProgram().
/// Failures throw std::runtime_error with the server's output.
class ServerProcess
{
public:
    struct CliResult
    {
        int exitCode = -1;
        bool crashed = false; ///< ended by a signal
        QByteArray standardOutput;
        QByteArray standardError;
    };

    ServerProcess();
    /// stop(); never throws. The temporary folder is removed unless the environment
    /// variable DCC_TEST_KEEP_SERVER_DIR is set (then its path is printed).
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// Sets (or replaces) a property of the configuration file.
    void set(const QString& key, const QString& value);
    /// Leaves a property out of the configuration file.
    void unset(const QString& key);
    [[nodiscard]] QString property(const QString& key) const { return m_properties.value(key); }
    /// https with the test PKI's "localhost" certificate (chain) and key; the public origin
    /// and baseUrl() become https://localhost:<port>. false goes back to plain HTTP.
    void setTls(bool enabled);
    [[nodiscard]] bool tls() const { return m_tls; }
    void setProgram(const QString& program) { m_program = program; }
    /// RLIMIT_FSIZE of the next start() (0: none), with SIGXFSZ ignored so that a write past
    /// it fails with EFBIG instead of killing the server: a disk quota reached, without
    /// mounting anything. raiseFileSizeLimit() lifts it from outside while it runs.
    void setFileSizeLimit(qint64 bytes) { m_fileSizeLimit = bytes; }
    /// Sets the running server's RLIMIT_FSIZE to unlimited (prlimit); false when it cannot.
    bool raiseFileSizeLimit();
    [[nodiscard]] QString program() const { return m_program; }

    /// Writes the configuration, starts the server and waits until it is ready. Throws,
    /// with the server's output, when it exits first or is not ready within `timeoutMs`
    /// (then it is killed). May be called again after stop() or kill(): same port, same
    /// data folder, output appended.
    void start(int timeoutMs = 15000);
    /// SIGTERM, up to 5 s for the server to exit, then SIGKILL. Does nothing when it is not
    /// running.
    void stop();
    /// SIGKILL, as a crash or power cut would.
    void kill();
    /// Also notices an exit that happened since the last look.
    [[nodiscard]] bool isRunning();
    /// How the last run ended (after stop(), kill(), or an exit of its own).
    [[nodiscard]] int exitCode() const { return m_exitCode; }
    [[nodiscard]] bool crashed() const { return m_crashed; }

    /// Everything the server wrote so far, every run of this object included.
    [[nodiscard]] QString output() const;
    /// "http://127.0.0.1:<port>", or "https://localhost:<port>" with TLS.
    [[nodiscard]] QString baseUrl() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }
    [[nodiscard]] QString configPath() const;
    [[nodiscard]] QString outboxDir() const;
    /// The CA file a client must trust for baseUrl() (empty without TLS).
    [[nodiscard]] QString caFile() const;

    /// Writes the configuration file (start() and runCli() do it).
    void writeConfig() const;

    /// Runs the binary once with `--config=<configPath()>` followed by `args` (e.g.
    /// {"user", "add", "j.dupont", "--email=…", "--name=…"}), `standardInput` on its stdin,
    /// and returns how it ended. Works whether or not the server is running. Throws when it
    /// cannot start or runs for more than `timeoutMs` (then it is killed). With no `args`
    /// it runs the server itself: a way to check that a bad configuration is refused.
    CliResult runCli(const QStringList& args, const QByteArray& standardInput = {},
                     int timeoutMs = 30000);

    /// The .eml files of the outbox, oldest first (by modification time, then name).
    [[nodiscard]] QStringList outboxMessages() const;
    /// Waits until the outbox holds at least `count` messages and returns them all; throws
    /// after `timeoutMs`.
    QStringList waitForOutboxMessages(qsizetype count, int timeoutMs = 10000) const;
    /// The text of a mail file (throws when it cannot be read).
    static QString readMail(const QString& path);
    /// The 6-digit code of an OTP or password-reset mail: the only standalone 6-digit number
    /// of its text parts, after undoing quoted-printable or base64, HTML tags and URLs.
    /// Throws when there is none, or several different ones.
    static QString codeFromMail(const QString& emlText);

    static QString defaultProgram();

private:
    [[noreturn]] void failStart(const QString& why);
    void recordExit();

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_tls = false;
    qint64 m_fileSizeLimit = 0;
    QString m_program;
    QMap<QString, QString> m_properties;
    QProcess m_process;
    int m_exitCode = -1;
    bool m_crashed = false;
};

} // namespace dcc::test
