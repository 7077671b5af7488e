#pragma once

#include <QLibrary>
#include <QString>
#include <QStringList>

#include <memory>

namespace dcc::client {

class ClientSettings;
class LoginBackend;

/// Opens the backend module (client/module: the server API, the card layer, the login flows
/// and the diagnostics checks, with Qt Network, OpenSSL and PC/SC) and builds its
/// LoginBackend. The executable links none of those libraries, so that its window shows
/// before they are loaded (docs/BENCHMARKS.md, client (a)); main() calls load() once the
/// window is shown, and `--diagnose` before it runs the checks.
///
/// The module is never unloaded: the objects it made, and Qt's records of their classes,
/// live until the process ends.
class BackendLoader
{
public:
    /// The module's file name without directory (QLibrary adds the platform's suffix).
    static constexpr const char* kModuleName = "dcc-login-backend";

    /// Where the module is looked for, in order: next to the executable (the build tree, the
    /// Windows installation), then ../lib/dcc-login/ relative to it (the Debian package).
    [[nodiscard]] static QStringList defaultLocations();

    /// `locations`: the module's paths to try (without suffix), in order.
    explicit BackendLoader(QStringList locations = defaultLocations());
    BackendLoader(const BackendLoader&) = delete;
    BackendLoader& operator=(const BackendLoader&) = delete;
    ~BackendLoader();

    /// The backend, or nullptr with error() when no location has a module that loads and
    /// speaks this executable's interface version. Call it on the GUI thread.
    [[nodiscard]] std::unique_ptr<LoginBackend> load(const ClientSettings& settings);
    /// English, for the window's message and support: which file, and what the loader said.
    [[nodiscard]] QString error() const { return m_error; }

private:
    QStringList m_locations;
    QLibrary m_library;
    QString m_error;
};

} // namespace dcc::client
