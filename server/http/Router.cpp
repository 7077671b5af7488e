#include "server/http/Router.h"

#include "common/ProtocolError.h"
#include "server/http/AccessLogDecorator.h"
#include "server/http/BodyLimitDecorator.h"
#include "server/http/ErrorMappingDecorator.h"
#include "server/http/RequestIdDecorator.h"
#include "server/http/SecurityHeadersDecorator.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

namespace dcc::server {

namespace {

// The endpoint for requests no route takes: it only throws, the decorators answer.
class RefusingHandler final : public Poco::Net::HTTPRequestHandler
{
public:
    RefusingHandler(ProtocolError error, std::string allow)
        : m_error(std::move(error))
        , m_allow(std::move(allow))
    {}
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override
    {
        if (!m_allow.empty())
            response.set("Allow", m_allow);
        throw m_error;
    }

private:
    ProtocolError m_error;
    std::string m_allow;
};

std::string pathOf(const std::string& uri)
{
    try {
        return Poco::URI(uri).getPath();
    } catch (const Poco::Exception&) {
        return {};
    }
}

} // namespace

Router::Router(std::vector<Route> routes, Metrics& metrics, Options options)
    : m_routes(std::move(routes))
    , m_metrics(metrics)
    , m_options(std::move(options))
{}

std::string Router::clientAddress(const Poco::Net::HTTPServerRequest& request) const
{
    std::string address = request.clientAddress().host().toString();
    if (!m_options.trustedProxies.contains(address) || !request.has("X-Forwarded-For"))
        return address;
    // Walk from the right: the first address not added by a trusted proxy is the client.
    const Poco::StringTokenizer hops(request.get("X-Forwarded-For"), ",",
                                     Poco::StringTokenizer::TOK_TRIM |
                                         Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (std::size_t i = hops.count(); i > 0; --i) {
        address = hops[i - 1];
        if (!m_options.trustedProxies.contains(address))
            break;
    }
    return address.substr(0, 64);
}

bool Router::answersFromMemory(const Poco::Net::HTTPRequest& head) const
{
    const std::string path = pathOf(head.getURI());
    for (const Route& route : m_routes) {
        if (route.path == path && route.method == head.getMethod())
            return route.quick && route.quick(head);
    }
    return false; // an unknown path's 404 is cheap, but rare: no reason to special-case it
}

Poco::Net::HTTPRequestHandler*
Router::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    auto context = std::make_shared<RequestContext>();
    context->origin.clientAddress = clientAddress(request);
    context->origin.userAgent = request.get("User-Agent", "").substr(0, 256);
    context->secure = m_options.secure;

    const std::string path = pathOf(request.getURI());
    const bool api = path.starts_with("/api/");
    std::unique_ptr<Poco::Net::HTTPRequestHandler> endpoint;
    std::string allow;
    for (const Route& route : m_routes) {
        if (route.path != path)
            continue;
        if (route.method == request.getMethod()) {
            context->route = route.name;
            context->kind = route.kind;
            context->loginMethod = route.loginMethod;
            context->loginStep = route.loginStep;
            endpoint = route.create(context);
            break;
        }
        allow += (allow.empty() ? "" : ", ") + route.method;
    }
    if (!endpoint) {
        context->route = allow.empty() ? "not_found" : "method_not_allowed";
        context->kind = api ? RequestContext::Kind::Api : RequestContext::Kind::Page;
        endpoint = std::make_unique<RefusingHandler>(
            allow.empty() ? ProtocolError(ErrorCode::NotFound, "no such resource")
                          : ProtocolError(ErrorCode::MethodNotAllowed, "method not allowed here"),
            allow);
    }
    if (context->kind == RequestContext::Kind::Page) {
        context->errorPage = m_options.errorPage;
        context->pageSecurityPolicy = m_options.pageSecurityPolicy;
        context->acceptLanguage = request.get("Accept-Language", "").substr(0, 256);
    }

    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler =
        std::make_unique<BodyLimitDecorator>(std::move(endpoint), context, m_options.maxBodyBytes);
    handler = std::make_unique<ErrorMappingDecorator>(std::move(handler), context);
    handler = std::make_unique<AccessLogDecorator>(std::move(handler), context, m_metrics);
    handler = std::make_unique<SecurityHeadersDecorator>(std::move(handler), context);
    handler = std::make_unique<RequestIdDecorator>(std::move(handler), context);
    return handler.release();
}

} // namespace dcc::server
