#include "server/http/AccessLogDecorator.h"

#include "server/http/Metrics.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>

namespace dcc::server {

namespace {

/// The target's path as sent (percent-encoded), without its query, which may carry a
/// ticket or a reset token; bytes that could forge a line or drive a terminal as \xHH.
void appendPath(std::string& line, const std::string& target)
{
    constexpr std::size_t kMaxPath = 256;
    const std::size_t end = std::min({target.find('?'), target.find('#'), kMaxPath});
    for (std::size_t i = 0; i < end && i < target.size(); ++i) {
        const auto byte = static_cast<unsigned char>(target[i]);
        if (byte < 0x20 || byte == 0x7f || byte == '"' || byte == '\\') {
            static constexpr char kHex[] = "0123456789abcdef";
            line.append("\\x").append(1, kHex[byte >> 4]).append(1, kHex[byte & 0xf]);
        } else {
            line.append(1, static_cast<char>(byte));
        }
    }
}

} // namespace

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

    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
    // Looked up once: Logger::get takes Poco's global logger mutex, which every request
    // then queued on (docs/BENCHMARKS.md, server (b)). Loggers live until the process ends.
    static Poco::Logger& log = Poco::Logger::get("dcc.access");
    if (log.information()) {
        // Put together by hand: Poco::format's parsing of the pattern cost more than the
        // rest of the line's making, on every request.
        std::string line;
        line.reserve(128);
        line.append(ctx.requestId).append(1, ' ').append(ctx.origin.clientAddress);
        line.append(" \"").append(request.getMethod()).append(1, ' ');
        appendPath(line, request.getURI());
        line.append("\" ").append(std::to_string(status)).append(1, ' ');
        line.append(std::to_string(micros / 1000)).append(1, '.');
        line.append(std::to_string(micros % 1000 / 100)).append("ms");
        if (ctx.errorCode)
            line.append(1, ' ').append(*ctx.errorCode);
        log.information(line);
    }
}

} // namespace dcc::server
