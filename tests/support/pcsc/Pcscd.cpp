#include "tests/support/pcsc/Pcscd.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <winscard.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace dcc::test {

void Pcscd::run(const QString& script)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(DCC_TEST_PCSC_SCRIPTS "/") + script,
                  {QStringLiteral(DCC_TEST_PCSCD_DIR)});
    // The scripts have their own 10 s deadlines; this one only guards against a hang.
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        throw std::runtime_error(script.toStdString() + " did not finish");
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        throw std::runtime_error(script.toStdString() +
                                 " failed: " + process.readAll().toStdString());
}

void Pcscd::start()
{
    run(QStringLiteral("start-pcscd.sh"));
}

void Pcscd::stop()
{
    run(QStringLiteral("stop-pcscd.sh"));
}

bool Pcscd::isRunning()
{
    QFile env(QStringLiteral(DCC_TEST_PCSCD_DIR "/pcscd.env"));
    if (!env.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : env.readAll().split('\n')) {
        if (line.startsWith("PCSCD_PID=")) {
            QFile stat(QStringLiteral("/proc/") + QString::fromLatin1(line.mid(10)) +
                       QStringLiteral("/stat"));
            if (!stat.open(QIODevice::ReadOnly))
                return false;
            const QByteArray text = stat.readAll();
            const auto close = text.lastIndexOf(')');
            return close > 0 && text.mid(close + 2, 1) != "Z";
        }
    }
    return false;
}

bool Pcscd::waitUntilReadersEmpty(int timeoutMs)
{
    SCARDCONTEXT context = 0;
    if (SCardEstablishContext(SCARD_SCOPE_USER, nullptr, nullptr, &context) != SCARD_S_SUCCESS)
        return false;
    std::array<SCARD_READERSTATE, 2> states{};
    states[0].szReader = kReader0;
    states[1].szReader = kReader1;
    const QDeadlineTimer deadline(timeoutMs);
    bool empty = false;
    for (;;) {
        const auto remaining = static_cast<DWORD>(std::max<qint64>(deadline.remainingTime(), 0));
        const LONG result = SCardGetStatusChange(context, remaining, states.data(), 2);
        if (result != SCARD_S_SUCCESS)
            break; // timed out, or pcscd went away
        empty = std::all_of(states.cbegin(), states.cend(), [](const SCARD_READERSTATE& s) {
            return (s.dwEventState & SCARD_STATE_PRESENT) == 0;
        });
        if (empty || deadline.hasExpired())
            break;
        for (auto& state : states)
            state.dwCurrentState = state.dwEventState & ~DWORD{SCARD_STATE_CHANGED};
    }
    SCardReleaseContext(context);
    return empty;
}

} // namespace dcc::test
