#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <functional>
#include <string>

namespace dcc::server {

/// Poco's session pool, with the settings a connection needs applied once, when the pool
/// opens it. Applied at every checkout instead, they cost a parsed statement per request
/// (a third of a session check's time, docs/BENCHMARKS.md).
class ConfiguredSessionPool final : public Poco::Data::SessionPool
{
public:
    using Configure = std::function<void(Poco::Data::Session&)>;

    /// `configure` runs on each new connection before the pool first hands it out; when it
    /// throws, the connection is dropped and the exception reaches the caller of get().
    ConfiguredSessionPool(const std::string& connector, const std::string& connectionString,
                          int minSessions, int maxSessions, int idleSeconds, Configure configure);

protected:
    void customizeSession(Poco::Data::Session& session) override;

private:
    Configure m_configure;
};

} // namespace dcc::server
