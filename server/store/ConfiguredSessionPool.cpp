#include "server/store/ConfiguredSessionPool.h"

#include <utility>

namespace dcc::server {

ConfiguredSessionPool::ConfiguredSessionPool(const std::string& connector,
                                             const std::string& connectionString, int minSessions,
                                             int maxSessions, int idleSeconds, Configure configure)
    : Poco::Data::SessionPool(connector, connectionString, minSessions, maxSessions, idleSeconds)
    , m_configure(std::move(configure))
{}

void ConfiguredSessionPool::customizeSession(Poco::Data::Session& session)
{
    m_configure(session);
}

} // namespace dcc::server
