#include "client/controller/SystemBrowserLauncher.h"

#include <QDesktopServices>

namespace dcc::client {

bool SystemBrowserLauncher::open(const QUrl& url)
{
    return QDesktopServices::openUrl(url);
}

} // namespace dcc::client
