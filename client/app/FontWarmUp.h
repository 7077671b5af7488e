#pragma once

#include <thread>

namespace dcc::client {

/// Reads the system's font configuration on a thread of its own while the application
/// starts. Parsing fontconfig's configuration files is the largest part of the login
/// window's first layout (about a third of the instructions before the window is shown),
/// and it needs nothing from Qt: on a second core it runs while QApplication connects to the
/// display and loads its plugins. Qt then finds the configuration loaded.
///
/// `wait()` must be called before the first widget lays out text: fontconfig does not wait
/// for a load in progress, it would read the files a second time. Where Qt does not use
/// fontconfig (Windows, macOS), this does nothing.
class FontWarmUp
{
public:
    FontWarmUp();
    ~FontWarmUp();
    FontWarmUp(const FontWarmUp&) = delete;
    FontWarmUp& operator=(const FontWarmUp&) = delete;

    void wait();

private:
    std::thread m_thread;
};

} // namespace dcc::client
