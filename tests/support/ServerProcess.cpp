#include "tests/support/ServerProcess.h"

#include "tests/support/DirectoryWatch.h"
#include "tests/support/HttpTestClient.h"
#include "tests/support/ServiceReadiness.h"
#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"
#include "tests/support/logs/TestLogs.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <system_error>
#include <utility>
#include <vector>

#ifndef DCC_SERVER_BINARY
#error "DCC_SERVER_BINARY must be defined (tests/support/ServerTestSupport.cmake)"
#endif

namespace dcc::test {

namespace {

constexpr int kStopGraceMs = 5000;
constexpr qsizetype kOutputInErrors = 20000;

QString logPathOf(const QTemporaryDir& dir)
{
    return dir.filePath(QStringLiteral("server.log"));
}

/// A value as Poco's PropertyFileConfiguration reads it back.
QString escapedValue(const QString& value)
{
    QString escaped;
    escaped.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'\\')
            escaped += QStringLiteral("\\\\");
        else if (c == u'\n')
            escaped += QStringLiteral("\\n");
        else if (c == u'\r')
            escaped += QStringLiteral("\\r");
        else
            escaped += c;
    }
    return escaped;
}

/// In the child before exec: SIGKILL when the test process dies, however it dies (a crash, a
/// CTest time-out), so that no server outlives its test holding a port and a folder.
void dieWithParent()
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

QByteArray tail(const QByteArray& text, qsizetype size)
{
    return text.size() <= size ? text : "[…]" + text.right(size);
}

// ---- Mail parsing for codeFromMail(): just enough MIME for the server's own mails. ----

struct MimeEntity
{
    QMap<QByteArray, QByteArray> headers; // lower-case names, unfolded values
    QByteArray body;
};

MimeEntity parseEntity(const QByteArray& text)
{
    MimeEntity entity;
    qsizetype split = text.indexOf("\r\n\r\n");
    qsizetype bodyStart = split + 4;
    const qsizetype lfSplit = text.indexOf("\n\n");
    if (lfSplit >= 0 && (split < 0 || lfSplit < split)) {
        split = lfSplit;
        bodyStart = lfSplit + 2;
    }
    const QByteArray head = split < 0 ? text : text.left(split);
    entity.body = split < 0 ? QByteArray() : text.mid(bodyStart);

    QByteArray name;
    for (QByteArray line : head.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
            if (!name.isEmpty())
                entity.headers[name] += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        name = line.left(colon).trimmed().toLower();
        entity.headers[name] = line.mid(colon + 1).trimmed();
    }
    return entity;
}

QByteArray parameter(const QByteArray& headerValue, const char* name)
{
    const QRegularExpression re(QStringLiteral("(?:^|;)\\s*%1\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)")
                                    .arg(QString::fromLatin1(name)),
                                QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(QString::fromUtf8(headerValue));
    if (!match.hasMatch())
        return {};
    return (match.captured(2).isEmpty() ? match.captured(1) : match.captured(2)).toUtf8();
}

QByteArray decodeQuotedPrintable(const QByteArray& in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '=') {
            out += c;
            continue;
        }
        if (i + 1 < in.size() && in[i + 1] == '\n') { // soft line break
            i += 1;
            continue;
        }
        if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
            i += 2;
            continue;
        }
        bool ok = false;
        const int byte = i + 2 < in.size() ? in.mid(i + 1, 2).toInt(&ok, 16) : 0;
        if (ok) {
            out += static_cast<char>(byte);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

QString htmlToText(QString html)
{
    html.remove(QRegularExpression(QStringLiteral("<(style|script)\\b.*?</\\1\\s*>"),
                                   QRegularExpression::CaseInsensitiveOption |
                                       QRegularExpression::DotMatchesEverythingOption));
    html.replace(QRegularExpression(QStringLiteral("<[^>]*>")), QStringLiteral(" "));
    html.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    html.replace(QStringLiteral("&#160;"), QStringLiteral(" "));
    html.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    html.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    html.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    html.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return html;
}

/// The decoded text of every text/* part of `entity`, multipart nesting followed.
void collectTexts(const QByteArray& raw, QStringList& texts, int depth)
{
    const MimeEntity entity = parseEntity(raw);
    const QByteArray contentType = entity.headers.value("content-type", "text/plain");
    const QByteArray mediaType = contentType.split(';').front().trimmed().toLower();

    if (mediaType.startsWith("multipart/")) {
        const QByteArray boundary = parameter(contentType, "boundary");
        if (boundary.isEmpty() || depth > 8)
            return;
        const QByteArray delimiter = "--" + boundary;
        QList<QByteArray> parts;
        bool inPart = false;
        QByteArray current;
        for (QByteArray line : entity.body.split('\n')) {
            if (line.endsWith('\r'))
                line.chop(1);
            const QByteArray trimmedLine = line.trimmed();
            if (trimmedLine == delimiter || trimmedLine == delimiter + "--") {
                if (inPart)
                    parts.append(current);
                current.clear();
                inPart = trimmedLine == delimiter;
                if (!inPart)
                    break;
                continue;
            }
            if (inPart)
                current += line + "\r\n";
        }
        for (const QByteArray& part : parts)
            collectTexts(part, texts, depth + 1);
        return;
    }
    if (!mediaType.startsWith("text/"))
        return; // attachments, images

    const QByteArray encoding =
        entity.headers.value("content-transfer-encoding").trimmed().toLower();
    QByteArray bytes = entity.body;
    if (encoding == "quoted-printable") {
        bytes = decodeQuotedPrintable(bytes);
    } else if (encoding == "base64") {
        QByteArray compact = bytes;
        compact.replace("\r", "").replace("\n", "").replace(" ", "");
        bytes = QByteArray::fromBase64(compact);
    }
    const QByteArray charset = parameter(contentType, "charset").toLower();
    QString text = (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii")
                       ? QString::fromLatin1(bytes)
                       : QString::fromUtf8(bytes);
    if (mediaType == "text/html")
        text = htmlToText(text);
    texts.append(text);
}

} // namespace

ServerProcess::ServerProcess()
    : m_dir(QDir::tempPath() + QStringLiteral("/dcc-login-server-XXXXXX"))
    , m_program(defaultProgram())
{
    if (!m_dir.isValid())
        throw std::runtime_error("ServerProcess: cannot create a temporary folder: " +
                                 m_dir.errorString().toStdString());
    if (qEnvironmentVariableIsSet("DCC_TEST_KEEP_SERVER_DIR"))
        m_dir.setAutoRemove(false);

    // A port the kernel just gave out and nobody listens on any more: the server binds it
    // a moment later (with SO_REUSEADDR, as Poco's ServerSocket does).
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            throw std::runtime_error("ServerProcess: no free loopback port: " +
                                     probe.errorString().toStdString());
        m_port = probe.serverPort();
    }

    set(QStringLiteral("server.address"), QStringLiteral("127.0.0.1"));
    set(QStringLiteral("server.port"), QString::number(m_port));
    set(QStringLiteral("database.path"), m_dir.filePath(QStringLiteral("dcc-login.db")));
    set(QStringLiteral("security.keyFile"), m_dir.filePath(QStringLiteral("server.key")));
    set(QStringLiteral("mail.transport"), QStringLiteral("file"));
    set(QStringLiteral("mail.outbox"), outboxDir());
    set(QStringLiteral("mail.from"), QStringLiteral("no-reply@dcc-login.test"));
    set(QStringLiteral("logging.loggers.root.channel"), QStringLiteral("console"));
    set(QStringLiteral("logging.channels.console.class"), QStringLiteral("ConsoleChannel"));
    setTls(false);
}

ServerProcess::~ServerProcess()
{
    try {
        stop();
    } catch (...) {
        // a destructor must not throw; QProcess's own destructor kills what is left
    }
    TestLogs::keepLog(logPathOf(m_dir), QStringLiteral("server"));
    if (!m_dir.autoRemove())
        std::fprintf(stderr, "ServerProcess: kept %s\n", qPrintable(m_dir.path()));
}

void ServerProcess::set(const QString& key, const QString& value)
{
    m_properties.insert(key, value);
}

void ServerProcess::unset(const QString& key)
{
    m_properties.remove(key);
}

void ServerProcess::setTls(bool enabled)
{
    m_tls = enabled;
    const QString port = QString::number(m_port);
    if (enabled) {
        set(QStringLiteral("tls.certificate"),
            TestPki::path(QStringLiteral("localhost-chain.pem")));
        set(QStringLiteral("tls.privateKey"), TestPki::path(QStringLiteral("localhost.key.pem")));
        set(QStringLiteral("server.publicOrigin"), QStringLiteral("https://localhost:") + port);
    } else {
        set(QStringLiteral("tls.certificate"), QString());
        set(QStringLiteral("tls.privateKey"), QString());
        set(QStringLiteral("server.publicOrigin"), QStringLiteral("http://127.0.0.1:") + port);
    }
}

QString ServerProcess::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("DCC_TEST_SERVER_BINARY");
    return fromEnvironment.isEmpty() ? QStringLiteral(DCC_SERVER_BINARY) : fromEnvironment;
}

QString ServerProcess::configPath() const
{
    return m_dir.filePath(QStringLiteral("server.properties"));
}

QString ServerProcess::outboxDir() const
{
    return m_dir.filePath(QStringLiteral("outbox"));
}

QString ServerProcess::caFile() const
{
    return m_tls ? QStringLiteral(DCC_TEST_TLS_CA) : QString();
}

QString ServerProcess::baseUrl() const
{
    if (m_tls)
        return QStringLiteral("https://localhost:%1").arg(m_port);
    const QString address = m_properties.value(QStringLiteral("server.address"));
    const QHostAddress host(address);
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("http://[%1]:%2").arg(address).arg(m_port);
    if (address.isEmpty() || host == QHostAddress::AnyIPv4)
        return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    return QStringLiteral("http://%1:%2").arg(address).arg(m_port);
}

void ServerProcess::writeConfig() const
{
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("ServerProcess: cannot write " + file.fileName().toStdString() +
                                 ": " + file.errorString().toStdString());
    QByteArray text = "# Written by dcc::test::ServerProcess for one test.\n";
    for (auto it = m_properties.cbegin(); it != m_properties.cend(); ++it)
        text += it.key().toUtf8() + " = " + escapedValue(it.value()).toUtf8() + '\n';
    if (file.write(text) != text.size() || !file.flush())
        throw std::runtime_error("ServerProcess: cannot write " + file.fileName().toStdString());
}

QString ServerProcess::output() const
{
    QFile file(logPathOf(m_dir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void ServerProcess::failStart(const QString& why)
{
    const QByteArray text = "ServerProcess: " + m_program.toUtf8() + ' ' + why.toUtf8() +
                            "\n--- its output (" + logPathOf(m_dir).toUtf8() + ") ---\n" +
                            tail(output().toUtf8(), kOutputInErrors);
    throw std::runtime_error(text.toStdString());
}

void ServerProcess::recordExit()
{
    m_exitCode = m_process.exitCode();
    m_crashed = m_process.exitStatus() == QProcess::CrashExit;
}

bool ServerProcess::isRunning()
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    if (m_process.waitForFinished(0)) { // notices an exit nobody has looked at yet
        recordExit();
        return false;
    }
    return m_process.state() != QProcess::NotRunning;
}

void ServerProcess::start(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning)
        throw std::logic_error("ServerProcess::start(): the server is already running");
    writeConfig();
    m_exitCode = -1;
    m_crashed = false;

    m_process.setProgram(m_program);
    m_process.setArguments({QStringLiteral("--config=") + configPath()});
    m_process.setWorkingDirectory(m_dir.path());
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(logPathOf(m_dir), QIODevice::Append);
    const qint64 fileSizeLimit = m_fileSizeLimit;
    m_process.setChildProcessModifier([fileSizeLimit] {
        dieWithParent();
        if (fileSizeLimit > 0) { // only async-signal-safe calls between fork and exec
            const rlimit limit{static_cast<rlim_t>(fileSizeLimit),
                               static_cast<rlim_t>(RLIM_INFINITY)};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN); // kept across exec: writes fail with EFBIG
        }
    });
    // Ready once it says so (systemd's notify protocol), as under its systemd unit.
    ServiceReadiness readiness(m_dir.filePath(QStringLiteral("notify")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NOTIFY_SOCKET"), readiness.socketPath());
    m_process.setProcessEnvironment(environment);
    const QDeadlineTimer deadline(timeoutMs);
    m_process.start();
    if (!m_process.waitForStarted(std::max(timeoutMs, 1000)))
        failStart(QStringLiteral("did not start: ") + m_process.errorString());

    switch (readiness.await(m_process.processId(), deadline)) {
    case ServiceReadiness::Outcome::Ready:
        return;
    case ServiceReadiness::Outcome::Exited:
        m_process.waitForFinished(kStopGraceMs);
        recordExit();
        failStart(QStringLiteral("exited before being ready (exit code %1%2)")
                      .arg(m_exitCode)
                      .arg(m_crashed ? QStringLiteral(", killed by a signal") : QString()));
        break;
    case ServiceReadiness::Outcome::TimedOut:
        kill();
        failStart(QStringLiteral("did not say it was ready (READY=1) within %1 ms").arg(timeoutMs));
        break;
    }
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(kStopGraceMs)) {
        std::fprintf(stderr, "ServerProcess: no exit %d ms after SIGTERM, sending SIGKILL\n",
                     kStopGraceMs);
        m_process.kill();
        m_process.waitForFinished(kStopGraceMs);
    }
    recordExit();
}

bool ServerProcess::raiseFileSizeLimit()
{
    const qint64 pid = m_process.processId();
    if (pid <= 0)
        return false;
    const rlimit unlimited{static_cast<rlim_t>(RLIM_INFINITY), static_cast<rlim_t>(RLIM_INFINITY)};
    return ::prlimit(static_cast<pid_t>(pid), RLIMIT_FSIZE, &unlimited, nullptr) == 0;
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(kStopGraceMs);
    recordExit();
}

ServerProcess::CliResult ServerProcess::runCli(const QStringList& args,
                                               const QByteArray& standardInput, int timeoutMs)
{
    writeConfig();
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(QStringList{QStringLiteral("--config=") + configPath()} + args);
    process.setWorkingDirectory(m_dir.path());
    process.setChildProcessModifier(dieWithParent);
    process.start();
    const QString command = m_program + u' ' + process.arguments().join(u' ');
    if (!process.waitForStarted(std::max(timeoutMs, 1000)))
        throw std::runtime_error("ServerProcess: cannot run " + command.toStdString() + ": " +
                                 process.errorString().toStdString());
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(kStopGraceMs);
        throw std::runtime_error("ServerProcess: " + command.toStdString() +
                                 " still running after " + std::to_string(timeoutMs) +
                                 " ms; stdout:\n" + process.readAllStandardOutput().toStdString() +
                                 "\nstderr:\n" + process.readAllStandardError().toStdString());
    }
    CliResult result;
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    return result;
}

QStringList ServerProcess::outboxMessages() const
{
    namespace fs = std::filesystem;
    std::vector<std::pair<fs::file_time_type, std::string>> found;
    std::error_code error;
    for (fs::directory_iterator it(QFile::encodeName(outboxDir()).toStdString(), error), end;
         !error && it != end; it.increment(error)) {
        std::error_code entryError;
        if (!it->is_regular_file(entryError) || it->path().extension() != ".eml")
            continue;
        const auto time = it->last_write_time(entryError);
        if (!entryError)
            found.emplace_back(time, it->path().string());
    }
    std::sort(found.begin(), found.end());
    QStringList paths;
    for (const auto& [time, path] : found)
        paths.append(QFile::decodeName(QByteArray::fromStdString(path)));
    return paths;
}

QStringList ServerProcess::waitForOutboxMessages(qsizetype count, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    DirectoryWatch outbox(outboxDir()); // before the first look: no mail slips between
    for (;;) {
        const QStringList messages = outboxMessages();
        if (messages.size() >= count)
            return messages;
        if (deadline.hasExpired())
            throw std::runtime_error(
                QStringLiteral("ServerProcess: %1 message(s) in %2 after %3 ms, expected %4")
                    .arg(messages.size())
                    .arg(outboxDir())
                    .arg(timeoutMs)
                    .arg(count)
                    .toStdString());
        outbox.waitForChange(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1)));
    }
}

QString ServerProcess::readMail(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("ServerProcess: cannot read mail " + path.toStdString() + ": " +
                                 file.errorString().toStdString());
    return QString::fromUtf8(file.readAll());
}

QString ServerProcess::codeFromMail(const QString& emlText)
{
    QStringList texts;
    collectTexts(emlText.toUtf8(), texts, 0);

    static const QRegularExpression url(QStringLiteral("https?://\\S+"));
    // Six digits standing alone: not part of a longer number, a word, a colour (#123456) or
    // an HTML entity (&#123456;).
    static const QRegularExpression code(
        QStringLiteral("(?<![0-9A-Za-z_#&/=.-])([0-9]{6})(?![0-9A-Za-z_])"));
    QStringList codes;
    for (QString text : std::as_const(texts)) {
        text.remove(url);
        for (auto it = code.globalMatch(text); it.hasNext();) {
            const QString found = it.next().captured(1);
            if (!codes.contains(found))
                codes.append(found);
        }
    }
    if (codes.size() == 1) {
        TestLogs::recordSecret("code", codes.front());
        return codes.front();
    }
    const QString why = codes.isEmpty()
                            ? QStringLiteral("no 6-digit code")
                            : QStringLiteral("several 6-digit numbers (%1)").arg(codes.join(u','));
    throw std::runtime_error(
        QStringLiteral("ServerProcess::codeFromMail: %1 in the text of the mail:\n%2")
            .arg(why, texts.join(QStringLiteral("\n----\n")))
            .toStdString());
}

} // namespace dcc::test
