#include "fuzz/InMemoryRequest.h"

namespace dcc::fuzz {

InMemoryRequest::InMemoryRequest(const std::string& method, const std::string& uri,
                                 std::string body, Poco::Net::HTTPServerResponse& response)
    : HTTPServerRequest()
    , m_body(std::move(body))
    , m_client("127.0.0.1", 50000)
    , m_server("127.0.0.1", 8080)
    , m_params(new Poco::Net::HTTPServerParams)
    , m_response(response)
{
    setMethod(method);
    setURI(uri);
    setVersion(HTTP_1_1);
    setHost("127.0.0.1", 8080);
    set("User-Agent", "DCC-Login-fuzzer");
}

} // namespace dcc::fuzz
