#include "server/http/ErrorMappingDecorator.h"

#include "common/ProtocolError.h"
#include "server/http/HttpResponses.h"
#include "server/mail/MailUnavailable.h"
#include "server/store/StoreError.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace dcc::server {

void ErrorMappingDecorator::answer(Poco::Net::HTTPServerResponse& response,
                                   const ProtocolError& error)
{
    context().errorCode = std::string(ErrorCodes::code(error.code()));
    if (response.sent())
        return; // the handler had already answered: nothing more can be said
    // The unread (or late) rest of the body would be taken for the next request.
    if (error.code() == ErrorCode::PayloadTooLarge || error.code() == ErrorCode::RequestTimeout)
        response.setKeepAlive(false);
    if (context().kind == RequestContext::Kind::Page && context().errorPage) {
        const auto status =
            static_cast<Poco::Net::HTTPResponse::HTTPStatus>(ErrorCodes::httpStatus(error.code()));
        if (!context().pageSecurityPolicy.empty())
            response.set("Content-Security-Policy", context().pageSecurityPolicy);
        HttpResponses::html(response, status,
                            context().errorPage(error.code(), context().acceptLanguage));
    } else {
        HttpResponses::error(response, error);
    }
}

void ErrorMappingDecorator::handleRequest(Poco::Net::HTTPServerRequest& request,
                                          Poco::Net::HTTPServerResponse& response)
{
    Poco::Logger& log = Poco::Logger::get("dcc.http");
    try {
        next(request, response);
    } catch (const ProtocolError& e) {
        answer(response, e);
    } catch (const StoreUnavailable& e) {
        log.warning("%s database unavailable: %s", context().requestId, std::string(e.what()));
        // A database restart or a lock held by a long transaction lasts seconds: clients and
        // load balancers are told when trying again makes sense.
        constexpr std::int64_t kRetryAfterSeconds = 5;
        answer(response, ProtocolError(ErrorCode::ServiceUnavailable,
                                       "the service is unavailable, try again in a moment")
                             .with("retry_after", kRetryAfterSeconds));
    } catch (const MailUnavailable& e) {
        log.warning("%s mail unavailable: %s", context().requestId, std::string(e.what()));
        answer(response, ProtocolError(ErrorCode::MailUnavailable, "the mail could not be sent"));
    } catch (const Poco::Exception& e) {
        log.error("%s internal error: %s", context().requestId, e.displayText());
        answer(response, ProtocolError(ErrorCode::InternalError, "internal error"));
    } catch (const std::exception& e) {
        log.error("%s internal error: %s", context().requestId, std::string(e.what()));
        answer(response, ProtocolError(ErrorCode::InternalError, "internal error"));
    }
}

} // namespace dcc::server
