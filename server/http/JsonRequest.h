#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace dcc::server {

/// A JSON request body, read within the size limit and checked before any handler looks
/// at it: application/json, well-formed UTF-8, an object. Field getters name the field in
/// the 400 invalid_request they throw. Unknown fields are ignored.
class JsonRequest
{
public:
    /// Reads (RequestBody) and parses the body; throws dcc::ProtocolError (400, 408, 413, 415).
    static JsonRequest read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);
    /// Parses a body already read (also what the fuzzers drive).
    static JsonRequest parse(const std::string& body);

    /// A present, string-typed, non-empty field of at most `maxBytes` bytes.
    [[nodiscard]] std::string requiredString(const std::string& field, std::size_t maxBytes) const;

private:
    explicit JsonRequest(Poco::JSON::Object::Ptr object)
        : m_object(std::move(object))
    {}

    Poco::JSON::Object::Ptr m_object;
};

} // namespace dcc::server
