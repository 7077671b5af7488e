#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace dcc::test {

/// The Node scripts of tests/browser/ (playwright-core driving Debian's Chromium), run from
/// the C++ tests: each script does one scenario in a real browser and prints what it saw as
/// one JSON object; the test checks it. `scripts/setup-deps.sh` installs their node_modules
/// (`npm ci` from the committed package-lock.json).
class BrowserScript
{
public:
    /// Runs `node <repo>/tests/browser/<script> arguments…` in tests/browser/ and returns the
    /// JSON object it printed. Throws std::runtime_error (with the script's stdout and stderr)
    /// when node cannot start, the script exits with a non-zero status (the scripts then print
    /// `{"error": …}`), prints no JSON object, or runs for more than `timeoutMs` (then it is
    /// stopped: SIGTERM, so that it closes its browser, then SIGKILL).
    static QJsonObject run(const QString& script, const QStringList& arguments,
                           int timeoutMs = 60000);

    /// <repo>/tests/browser.
    static QString directory();
    /// `node` from PATH, or the environment variable DCC_TEST_NODE.
    static QString nodeProgram();
    /// Empty when node, the scripts' node_modules (playwright-core) and Chromium are there;
    /// otherwise what is missing, for a QSKIP or a failure message.
    static QString missingPrerequisite();
    static bool isAvailable() { return missingPrerequisite().isEmpty(); }
};

} // namespace dcc::test
