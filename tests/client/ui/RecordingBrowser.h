#pragma once

#include "client/controller/BrowserLauncher.h"

#include <QList>
#include <QUrl>

namespace dcc::test {

/// Stands in for the user's browser in the window tests: records the launch URLs.
class RecordingBrowser final : public dcc::client::BrowserLauncher
{
public:
    bool open(const QUrl& url) override
    {
        urls << url;
        return true;
    }
    QList<QUrl> urls;
};

} // namespace dcc::test
