#include "tests/support/BrowserScript.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <csignal>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef DCC_SOURCE_DIR
#error "DCC_SOURCE_DIR (the repository's root) must be defined by the build"
#endif

namespace dcc::test {

namespace {

/// How long a script stopped with SIGTERM has to close its browser before SIGKILL.
constexpr int kGraceMs = 5000;
constexpr int kReapMs = 5000;
constexpr qsizetype kShownBytes = 20000;

/// The end of a long output: where the error is.
std::string tail(const QByteArray& output)
{
    const QByteArray shown = output.size() > kShownBytes ? "…" + output.right(kShownBytes) : output;
    return QString::fromUtf8(shown).trimmed().toStdString();
}

/// Kills what is left of the process group the script led. Chromium is not in it (Playwright
/// starts it in a group of its own and kills it when node exits, or on node's SIGTERM).
void killGroup(qint64 pid)
{
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
}

QString chromiumProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("DCC_TEST_CHROMIUM");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnvironment;
}

} // namespace

QString BrowserScript::directory()
{
    return QStringLiteral(DCC_SOURCE_DIR "/tests/browser");
}

QString BrowserScript::nodeProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("DCC_TEST_NODE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString found = QStandardPaths::findExecutable(QStringLiteral("node"));
    return found.isEmpty() ? QStringLiteral("node") : found;
}

QString BrowserScript::missingPrerequisite()
{
    if (QStandardPaths::findExecutable(nodeProgram()).isEmpty()) // a name or an absolute path
        return QStringLiteral("Node.js (%1) is not installed").arg(nodeProgram());
    if (!QFileInfo::exists(directory() + QStringLiteral("/node_modules/playwright-core")))
        return QStringLiteral("%1/node_modules/playwright-core is missing: run "
                              "scripts/setup-deps.sh (npm ci --prefix tests/browser)")
            .arg(directory());
    if (!QFileInfo(chromiumProgram()).isExecutable())
        return QStringLiteral("Chromium (%1) is not installed").arg(chromiumProgram());
    return {};
}

QJsonObject BrowserScript::run(const QString& script, const QStringList& arguments, int timeoutMs)
{
    const QString name = "BrowserScript: " + script;
    const QString path = QDir(directory()).filePath(script);
    if (!QFileInfo(path).isFile())
        throw std::runtime_error(name.toStdString() + ": no such script: " + path.toStdString());

    // The script's temporary files (its browser profile) go in a folder of ours, removed even
    // when the script had to be killed before it could remove them.
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/dcc-browserscript-XXXXXX"));
    if (!scratch.isValid())
        throw std::runtime_error(name.toStdString() + ": cannot create a temporary folder: " +
                                 scratch.errorString().toStdString());

    QProcess node;
    node.setProgram(nodeProgram());
    node.setArguments(QStringList{path} + arguments);
    node.setWorkingDirectory(directory());
    node.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TMPDIR"), scratch.path());
    environment.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    environment.insert(QStringLiteral("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"), QStringLiteral("1"));
    node.setProcessEnvironment(environment);
    // Its own process group, so that a time-out kills all of it; if the test process dies
    // first, node gets SIGTERM, on which the scripts close their browser and exit.
    node.setChildProcessModifier([] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    node.start();
    if (!node.waitForStarted(timeoutMs))
        throw std::runtime_error(name.toStdString() + ": cannot start " +
                                 nodeProgram().toStdString() + ": " +
                                 node.errorString().toStdString());
    const qint64 pid = node.processId();

    const bool finished = node.waitForFinished(timeoutMs);
    if (!finished) {
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        if (!node.waitForFinished(kGraceMs)) {
            killGroup(pid);
            node.waitForFinished(kReapMs);
        }
    }
    const QByteArray output = node.readAllStandardOutput();
    const QByteArray errors = node.readAllStandardError();
    killGroup(pid); // anything the script left in its group

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    const QJsonObject result = document.object();

    std::string context = "\n--- stdout ---\n" + tail(output) + "\n--- stderr ---\n" + tail(errors);
    if (result.contains(QStringLiteral("error")))
        context = "\n--- error ---\n" +
                  result.value(QStringLiteral("error")).toString().toStdString() + context;
    if (!finished)
        throw std::runtime_error(name.toStdString() + ": no result within " +
                                 std::to_string(timeoutMs) + " ms, stopped" + context);
    if (node.exitStatus() != QProcess::NormalExit)
        throw std::runtime_error(name.toStdString() + ": node crashed" + context);
    if (node.exitCode() != 0)
        throw std::runtime_error(name.toStdString() + ": failed (exit code " +
                                 std::to_string(node.exitCode()) + ")" + context);
    if (parseError.error != QJsonParseError::NoError)
        throw std::runtime_error(name.toStdString() + ": stdout is not JSON (" +
                                 parseError.errorString().toStdString() + " at offset " +
                                 std::to_string(parseError.offset) + ")" + context);
    if (!document.isObject())
        throw std::runtime_error(name.toStdString() + ": stdout is not a JSON object" + context);
    return result;
}

} // namespace dcc::test
