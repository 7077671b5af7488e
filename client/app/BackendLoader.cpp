#include "client/app/BackendLoader.h"

#include "client/backend/LoginBackend.h"

#include <QCoreApplication>
#include <QDir>

namespace dcc::client {

QStringList BackendLoader::defaultLocations()
{
    const QDir here(QCoreApplication::applicationDirPath());
    return {here.filePath(QLatin1String(kModuleName)),
            QDir::cleanPath(here.filePath(
                QStringLiteral("../lib/dcc-login/%1").arg(QLatin1String(kModuleName))))};
}

BackendLoader::BackendLoader(QStringList locations)
    : m_locations(std::move(locations))
{}

// The library stays loaded (QLibrary's destructor does not unload it): see the class.
BackendLoader::~BackendLoader() = default;

std::unique_ptr<LoginBackend> BackendLoader::load(const ClientSettings& settings)
{
    QStringList problems;
    for (const QString& location : std::as_const(m_locations)) {
        m_library.setFileName(location);
        if (!m_library.load()) {
            problems << m_library.errorString();
            continue;
        }
        const auto create = reinterpret_cast<LoginBackend::EntryPoint>(
            m_library.resolve(LoginBackend::kEntryPoint));
        if (create == nullptr) {
            problems << m_library.errorString();
            continue;
        }
        LoginBackend* backend = create(LoginBackend::kInterfaceVersion, settings);
        if (backend == nullptr) {
            problems << QStringLiteral("%1: not the version of this executable")
                            .arg(m_library.fileName());
            continue;
        }
        m_error.clear();
        return std::unique_ptr<LoginBackend>(backend);
    }
    m_error = problems.isEmpty()
                  ? QStringLiteral("no location to look for %1").arg(QLatin1String(kModuleName))
                  : problems.join(QStringLiteral("; "));
    return nullptr;
}

} // namespace dcc::client
