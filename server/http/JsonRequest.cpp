#include "server/http/JsonRequest.h"

#include "common/ProtocolError.h"
#include "common/Utf8.h"
#include "server/http/RequestBody.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/MediaType.h>

namespace dcc::server {

namespace {

ProtocolError invalid(const std::string& message, const std::string& field = {})
{
    ProtocolError error(ErrorCode::InvalidRequest, message);
    if (!field.empty())
        error.with("field", field);
    return error;
}

} // namespace

JsonRequest JsonRequest::read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes)
{
    const std::string contentType = request.getContentType();
    bool isJson = false;
    try {
        isJson = !contentType.empty() &&
                 Poco::Net::MediaType(contentType).matches("application", "json");
    } catch (const Poco::Exception&) {
        isJson = false;
    }
    if (!isJson)
        throw ProtocolError(ErrorCode::UnsupportedMediaType, "the body must be application/json");
    return parse(RequestBody::read(request, maxBytes));
}

JsonRequest JsonRequest::parse(const std::string& body)
{
    if (body.empty())
        throw invalid("the body is empty: a JSON object is expected");
    if (!Utf8::decode(body))
        throw invalid("the body is not valid UTF-8");
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(body);
    } catch (const Poco::Exception&) {
        throw invalid("the body is not well-formed JSON");
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        throw invalid("the body must be a JSON object");
    return JsonRequest(parsed.extract<Poco::JSON::Object::Ptr>());
}

std::string JsonRequest::requiredString(const std::string& field, std::size_t maxBytes) const
{
    if (!m_object->has(field) || m_object->isNull(field))
        throw invalid("the field '" + field + "' is missing", field);
    const Poco::Dynamic::Var value = m_object->get(field);
    if (!value.isString())
        throw invalid("the field '" + field + "' must be a string", field);
    std::string text = value.extract<std::string>();
    if (text.empty())
        throw invalid("the field '" + field + "' is empty", field);
    if (text.size() > maxBytes)
        throw invalid("the field '" + field + "' is too long", field);
    return text;
}

} // namespace dcc::server
