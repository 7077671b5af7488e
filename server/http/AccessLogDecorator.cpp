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
        // Put together by hand: Poco::format's parsing of the pattern cost more than the
        // rest of the line's making, on every request.
        std::string line;
        line.reserve(96 + path.size());
        line.append(ctx.requestId).append(1, ' ').append(ctx.origin.clientAddress);
        line.append(" \"").append(request.getMethod()).append(1, ' ').append(path);
        line.append("\" ").append(std::to_string(status)).append(1, ' ');
        line.append(std::to_string(micros / 1000)).append(1, '.');
        line.append(std::to_string(micros % 1000 / 100)).append("ms");
        if (ctx.errorCode)
            line.append(1, ' ').append(*ctx.errorCode);
        log.information(line);
    }
}

} // namespace dcc::server
