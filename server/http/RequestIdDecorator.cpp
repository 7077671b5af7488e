#include "server/http/RequestIdDecorator.h"

#include "server/auth/SecretToken.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>

namespace dcc::server {

namespace {

bool acceptableId(const std::string& id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_' || c == '.';
    });
}

// A request id ties an answer to its log lines: unique, not secret. A random prefix drawn
// once per process (instances and restarts differ) and a counter, rather than 12 bytes
// from OpenSSL's generator on every request.
std::string newRequestId()
{
    static const std::string prefix = SecretToken::generate(6);
    static std::atomic<std::uint64_t> counter{0};
    return prefix + '-' + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

} // namespace

void RequestIdDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response)
{
    const std::string incoming = request.get("X-Request-Id", "");
    context().requestId = acceptableId(incoming) ? incoming : newRequestId();
    response.set("X-Request-Id", context().requestId);
    next(request, response);
}

} // namespace dcc::server
