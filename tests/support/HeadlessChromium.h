#pragma once

#include <QString>
#include <QStringList>

namespace dcc::test {

/// Headless Chromium (/usr/bin/chromium, or the environment variable DCC_TEST_CHROMIUM) as a
/// browser for end-to-end tests: one fresh profile per call, so no cookie survives from one
/// call to the next, while cookies do follow the redirects within a call.
class HeadlessChromium
{
public:
    struct Options
    {
        int timeoutMs = 30000;
        /// Lets the page's scripts run for this long (Chromium's virtual time) before the DOM
        /// is dumped; 0 dumps it at the load event.
        int virtualTimeBudgetMs = 0;
        QStringList extraArguments;
    };

    /// Loads `url`, follows its redirects, and returns the serialised DOM of the page where
    /// it lands. Throws std::runtime_error (with Chromium's stderr) when Chromium fails,
    /// prints nothing, or runs for more than `timeoutMs` (then it is killed, with the
    /// processes it started).
    static QString dumpDom(const QString& url, int timeoutMs = 30000);
    static QString dumpDom(const QString& url, const Options& options);

    static QString program();
    static bool isAvailable();
};

} // namespace dcc::test
