#pragma once

#include <QUrl>

namespace dcc::client {

/// Opens the launch URL in the user's browser. Behind an interface because the system's
/// way (QDesktopServices → xdg-open / ShellExecute) cannot be observed in tests, which
/// substitute a launcher that records the URL.
class BrowserLauncher
{
public:
    virtual ~BrowserLauncher() = default;
    /// False when no browser could be started.
    virtual bool open(const QUrl& url) = 0;
};

} // namespace dcc::client
