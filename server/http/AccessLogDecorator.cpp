#include "server/http/AccessLogDecorator.h"

#include "server/http/Metrics.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

namespace dcc::server {

void AccessLogDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response)
{
    next(request, response);

    RequestContext& ctx = context();
    const auto duration = std::chrono::steady_clock::now() - ctx.started;
    const int status = static_cast<int>(response.getStatus());
    m_metrics.recordRequest(ctx.route, status, duration);
    if (!ctx.loginMethod.empty()) {
        m_metrics.recordLoginOutcome(ctx.loginMethod, ctx.loginStep,
                                     status < 400 ? "ok" : ctx.errorCode.value_or("error"));
    }

    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
        path = "(malformed URI)";
    }
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
    // Looked up once: Logger::get takes Poco's global logger mutex, which every request
    // then queued on (docs/BENCHMARKS.md, server (b)). Loggers live until the process ends.
    static Poco::Logger& log = Poco::Logger::get("dcc.access");
    if (log.information()) {
        log.information("%s %s \"%s %s\" %d %.1fms%s", ctx.requestId, ctx.origin.clientAddress,
                        request.getMethod(), path, status, static_cast<double>(micros) / 1000.0,
                        ctx.errorCode ? " " + *ctx.errorCode : std::string());
    }
}

} // namespace dcc::server
