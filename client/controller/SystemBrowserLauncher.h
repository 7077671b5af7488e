#pragma once

#include "client/controller/BrowserLauncher.h"

namespace dcc::client {

/// The user's default browser, through QDesktopServices.
class SystemBrowserLauncher final : public BrowserLauncher
{
public:
    bool open(const QUrl& url) override;
};

} // namespace dcc::client
