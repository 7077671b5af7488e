#include "server/api/MetricsEndpoint.h"

#include "server/auth/Clock.h"
#include "server/http/HttpResponses.h"
#include "server/http/Metrics.h"
#include "server/store/SessionStore.h"

namespace dcc::server {

void MetricsEndpoint::handleRequest(Poco::Net::HTTPServerRequest&,
                                    Poco::Net::HTTPServerResponse& response)
{
    const std::int64_t now = m_services.clock.now();
    m_services.metrics.setGauge("dcc_sessions_live",
                                static_cast<double>(m_services.sessionStore.countLive(
                                    now, now - m_services.settings.sessionIdleTimeout)));
    HttpResponses::text(response, Poco::Net::HTTPResponse::HTTP_OK,
                        "text/plain; version=0.0.4; charset=utf-8", m_services.metrics.render());
}

} // namespace dcc::server
