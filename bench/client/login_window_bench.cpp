// dcc-bench-login-window: the client's GUI-thread figures (docs/BENCHMARKS.md), with the
// product's own window, controllers, server API and card service (as client/app/main.cpp
// assembles them) against a real dcc-login-server, offscreen:
//
//   --mode=otp   OTP logins: the longest GUI-thread stall from the click on "Recevoir un
//                code" to the done page (code read from the server's file outbox)
//   --mode=cps   CPS logins on the SoftHSM CPS token: stall from the click on the card
//                button to the done page, PIN typed in the window
//   --mode=card  card insertions in a vpcd reader (vicc): delay from PC/SC reporting the
//                card to the window's card line changing
//
// Prints "RESULT <mode> run=<i> …" per run and "RESULT <mode> max=…" at the end.

#include "client/api/ServerApi.h"
#include "client/app/Translations.h"
#include "client/card/CardService.h"
#include "client/controller/BrowserLauncher.h"
#include "client/controller/CpsLoginController.h"
#include "client/controller/OtpLoginController.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/LoginWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <thread>

#include "bench/client/PcscInsertionWatcher.h"
#include "bench/client/StallMonitor.h"
#include "bench/server/OutboxCodes.h"

using namespace dcc::client;

namespace {

/// The browser is not what is measured: the launch URL is only noted.
class NoBrowser : public BrowserLauncher
{
public:
    bool open(const QUrl&) override { return true; }
};

// Runs the event loop until `done` or the timeout; false on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

template <typename T>
T* widget(QWidget& window, const char* name)
{
    T* found = window.findChild<T*>(name);
    if (!found) {
        std::fprintf(stderr, "no widget %s\n", name);
        std::exit(2);
    }
    return found;
}

QString page(QWidget& window)
{
    return widget<QStackedWidget>(window, "pages")->currentWidget()->objectName();
}

void backToCredentials(QWidget& window)
{
    if (page(window) == "donePage")
        widget<QPushButton>(window, "restartButton")->click();
    waitUntil([&] { return page(window) == "credentialsPage"; }, 5000);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption modeOption("mode", "otp, cps or card", "mode");
    const QCommandLineOption serverOption("server", "server URL", "url");
    const QCommandLineOption outboxOption("outbox", "server's mail outbox (otp)", "dir");
    const QCommandLineOption identifierOption("identifier", "account", "id");
    const QCommandLineOption passwordOption("password", "password", "password");
    const QCommandLineOption pinOption("pin", "card PIN (cps)", "pin", "1234");
    const QCommandLineOption moduleOption("module", "PKCS#11 module (cps)", "path",
                                          "/usr/lib/softhsm/libsofthsm2.so");
    const QCommandLineOption runsOption("runs", "how many", "n", "10");
    const QCommandLineOption viccOption("vicc-pythonpath", "PYTHONPATH for vicc (card)", "path");
    for (const auto* option :
         {&modeOption, &serverOption, &outboxOption, &identifierOption, &passwordOption, &pinOption,
          &moduleOption, &runsOption, &viccOption})
        parser.addOption(*option);
    parser.process(app);
    const QString mode = parser.value(modeOption);
    const int runs = parser.value(runsOption).toInt();

    Translations::apply("fr");
    QTemporaryDir settingsDir;
    ClientSettings settings(settingsDir.filePath("policy.ini"), settingsDir.filePath("user.ini"));
    ServerApi api(QUrl(parser.value(serverOption)));
    NoBrowser browser;
    OtpLoginController otp(api, browser);
    dcc::card::CardService::Options cardOptions;
    if (mode == "cps") {
        cardOptions.modules.configuredPath = parser.value(moduleOption);
        cardOptions.modules.useP11Kit = false;
        cardOptions.modules.cryptolibPaths = QStringList{};
        cardOptions.modules.openScPaths = QStringList{};
        cardOptions.watchReaders = false; // SoftHSM: a token without a reader
    }
    dcc::card::CardService cards(cardOptions);
    CpsLoginController cps(api, cards, browser);
    LoginWindow window(api, otp, settings);
    window.setCardLogin(cps, cards);
    window.show();

    dcc::bench::StallMonitor stalls;
    double worst = 0;
    int failures = 0;

    if (mode == "otp" || mode == "cps") {
        std::unique_ptr<dcc::bench::OutboxCodes> outbox;
        if (mode == "otp")
            outbox =
                std::make_unique<dcc::bench::OutboxCodes>(parser.value(outboxOption).toStdString());
        waitUntil(
            [&] {
                return widget<QLabel>(window, "serverStatusLabel")->text().contains("disponible");
            },
            10000);
        for (int run = 1; run <= runs; ++run) {
            backToCredentials(window);
            widget<QLineEdit>(window, "identifierEdit")->setText(parser.value(identifierOption));
            widget<QLineEdit>(window, "passwordEdit")->setText(parser.value(passwordOption));
            QElapsedTimer elapsed;
            elapsed.start();
            stalls.start();
            bool ok = false;
            if (mode == "otp") {
                widget<QPushButton>(window, "otpButton")->click();
                ok = waitUntil([&] { return page(window) == "otpPage"; }, 15000);
                // The mail is read off the GUI thread, like a user reading it elsewhere.
                std::optional<std::string> code;
                std::atomic<bool> read{false};
                std::thread reader([&] {
                    // "b.bench7" → bench7@bench.invalid (bench/server/BenchSeeder).
                    const std::string id = parser.value(identifierOption).toStdString();
                    code = outbox->take(id.substr(2) + "@bench.invalid", std::chrono::seconds(15));
                    read = true;
                });
                waitUntil([&] { return read.load(); }, 15000);
                reader.join();
                if (ok && code) {
                    widget<QLineEdit>(window, "codeEdit")->setText(QString::fromStdString(*code));
                    widget<QPushButton>(window, "verifyButton")->click();
                    ok = waitUntil([&] { return page(window) == "donePage"; }, 15000);
                } else {
                    ok = false;
                }
            } else {
                widget<QPushButton>(window, "cpsButton")->click();
                ok = waitUntil(
                    [&] {
                        return page(window) == "cardPage" &&
                               widget<QLineEdit>(window, "pinEdit")->isVisible() &&
                               !widget<QLabel>(window, "holderLabel")->text().isEmpty();
                    },
                    15000);
                if (ok) {
                    widget<QLineEdit>(window, "pinEdit")->setText(parser.value(pinOption));
                    widget<QPushButton>(window, "pinOkButton")->click();
                    ok = waitUntil([&] { return page(window) == "donePage"; }, 15000);
                }
            }
            stalls.stop();
            if (!ok)
                ++failures;
            worst = std::max(worst, stalls.longestStallMs());
            std::printf("RESULT %s run=%d ok=%d login_ms=%lld longest_stall_ms=%.1f ticks=%lld\n",
                        qPrintable(mode), run, ok ? 1 : 0, elapsed.elapsed(),
                        stalls.longestStallMs(), stalls.ticks());
            std::fflush(stdout);
        }
        std::printf("RESULT %s max_stall_ms=%.1f failures=%d\n", qPrintable(mode), worst, failures);
    } else if (mode == "card") {
        const QString reader = QStringLiteral("Virtual PCD 00 00");
        dcc::bench::PcscInsertionWatcher watcher(reader);
        QLabel* line = widget<QLabel>(window, "cardStatusLabel");
        // The card monitor reports the readers first.
        waitUntil([&] { return line->text().contains("Virtual PCD"); }, 10000);
        QProcess vicc;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("PYTHONPATH", parser.value(viccOption));
        environment.insert("PYTHONDONTWRITEBYTECODE", "1");
        vicc.setProcessEnvironment(environment);
        vicc.setProcessChannelMode(QProcess::MergedChannels);
        vicc.setStandardOutputFile(QProcess::nullDevice());
        for (int run = 1; run <= runs; ++run) {
            const QString before = line->text();
            watcher.arm();
            vicc.start("/usr/bin/python3",
                       {"/usr/bin/vicc", "--type", "iso7816", "--port", "35963"});
            std::chrono::steady_clock::time_point changed{};
            // Polled every 1 ms in the GUI thread: the resolution of the figure.
            QTimer poll;
            poll.setTimerType(Qt::PreciseTimer);
            QObject::connect(&poll, &QTimer::timeout, [&] {
                if (changed == std::chrono::steady_clock::time_point{} && line->text() != before)
                    changed = std::chrono::steady_clock::now();
            });
            poll.start(1);
            const bool ok = waitUntil(
                [&] {
                    return changed != std::chrono::steady_clock::time_point{} && watcher.seen();
                },
                15000);
            poll.stop();
            const double delayMs =
                ok ? std::chrono::duration<double, std::milli>(changed - watcher.insertedAt())
                         .count()
                   : -1;
            if (!ok)
                ++failures;
            else
                worst = std::max(worst, delayMs);
            std::printf("RESULT card run=%d ok=%d delay_ms=%.1f line=\"%s\"\n", run, ok ? 1 : 0,
                        delayMs, qPrintable(line->text()));
            std::fflush(stdout);
            vicc.terminate();
            vicc.waitForFinished(5000);
            const QString inserted = line->text();
            waitUntil([&] { return line->text() != inserted; }, 10000);
        }
        std::printf("RESULT card max_delay_ms=%.1f failures=%d\n", worst, failures);
    }
    return failures == 0 ? 0 : 1;
}
