#include "tests/support/HeadlessChromium.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

namespace dcc::test {

namespace {

constexpr int kReapMs = 5000;

/// Chromium's stderr without the noise of a machine with no D-Bus, for error messages.
std::string usefulErrors(const QByteArray& errors)
{
    std::string useful;
    for (const QByteArray& line : errors.split('\n')) {
        if (line.trimmed().isEmpty() || line.contains("dbus/") || line.contains("dbus_") ||
            line.contains("unexpected operator")) // the Debian wrapper script's own warning
            continue;
        useful += line.toStdString() + '\n';
    }
    return useful.size() > 20000 ? useful.substr(useful.size() - 20000) : useful;
}

/// Kills what is left of the process group Chromium led (renderers, zygote, utilities).
void killGroup(qint64 pid)
{
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
}

} // namespace

QString HeadlessChromium::program()
{
    const QString fromEnvironment = qEnvironmentVariable("DCC_TEST_CHROMIUM");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnvironment;
}

bool HeadlessChromium::isAvailable()
{
    return QFileInfo(program()).isExecutable();
}

QString HeadlessChromium::dumpDom(const QString& url, int timeoutMs)
{
    Options options;
    options.timeoutMs = timeoutMs;
    return dumpDom(url, options);
}

QString HeadlessChromium::dumpDom(const QString& url, const Options& options)
{
    // One folder for the profile and for Chromium's temporary files: a Chromium killed on
    // time-out leaves its org.chromium.Chromium.* singleton folder there, not in /tmp.
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/dcc-chromium-XXXXXX"));
    if (!scratch.isValid() || !QDir(scratch.path()).mkpath(QStringLiteral("profile")) ||
        !QDir(scratch.path()).mkpath(QStringLiteral("tmp")))
        throw std::runtime_error("HeadlessChromium: cannot create a profile folder: " +
                                 scratch.errorString().toStdString());

    QStringList arguments{
        QStringLiteral("--headless"),
        QStringLiteral("--no-sandbox"), // tests run as root
        QStringLiteral("--disable-gpu"),
        QStringLiteral("--disable-quic"),
        QStringLiteral("--no-first-run"),
        QStringLiteral("--disable-background-networking"),
        QStringLiteral("--disable-component-update"),
        QStringLiteral("--disable-sync"),
        QStringLiteral("--user-data-dir=") + scratch.filePath(QStringLiteral("profile")),
        QStringLiteral("--ignore-certificate-errors"),
    };
    if (options.virtualTimeBudgetMs > 0)
        arguments << QStringLiteral("--virtual-time-budget=%1").arg(options.virtualTimeBudgetMs);
    arguments << options.extraArguments << QStringLiteral("--dump-dom") << url;

    QProcess chromium;
    chromium.setProgram(program());
    chromium.setArguments(arguments);
    chromium.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TMPDIR"), scratch.filePath(QStringLiteral("tmp")));
    chromium.setProcessEnvironment(environment);
    // Its own process group, so that a time-out kills the renderers and helpers too; killed
    // with the test process if that dies first.
    chromium.setChildProcessModifier([] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    chromium.start();
    if (!chromium.waitForStarted(options.timeoutMs))
        throw std::runtime_error("HeadlessChromium: cannot start " + program().toStdString() +
                                 ": " + chromium.errorString().toStdString());
    const qint64 pid = chromium.processId();

    const bool finished = chromium.waitForFinished(options.timeoutMs);
    if (!finished) {
        killGroup(pid);
        chromium.waitForFinished(kReapMs);
    }
    const QByteArray dom = chromium.readAllStandardOutput();
    const QByteArray errors = chromium.readAllStandardError();
    killGroup(pid); // helpers that outlived the browser, if any

    const std::string context = " (" + url.toStdString() +
                                ")\n--- chromium stderr (D-Bus noise left out) ---\n" +
                                usefulErrors(errors);
    if (!finished)
        throw std::runtime_error("HeadlessChromium: no result within " +
                                 std::to_string(options.timeoutMs) + " ms" + context);
    if (chromium.exitStatus() != QProcess::NormalExit || chromium.exitCode() != 0)
        throw std::runtime_error("HeadlessChromium: chromium failed (exit code " +
                                 std::to_string(chromium.exitCode()) + ")" + context);
    if (dom.trimmed().isEmpty())
        throw std::runtime_error("HeadlessChromium: chromium printed no DOM" + context);
    return QString::fromUtf8(dom);
}

} // namespace dcc::test
