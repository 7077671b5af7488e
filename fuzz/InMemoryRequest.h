#pragma once

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/SocketAddress.h>

#include <sstream>
#include <string>

namespace dcc::fuzz {

/// A server request whose body is a string, from a fixed loopback client: lets the fuzzer
/// run the real router, decorators and endpoints without a socket.
class InMemoryRequest final : public Poco::Net::HTTPServerRequest
{
public:
    InMemoryRequest(const std::string& method, const std::string& uri, std::string body,
                    Poco::Net::HTTPServerResponse& response);

    std::istream& stream() override { return m_body; }
    [[nodiscard]] const Poco::Net::SocketAddress& clientAddress() const override
    {
        return m_client;
    }
    [[nodiscard]] const Poco::Net::SocketAddress& serverAddress() const override
    {
        return m_server;
    }
    [[nodiscard]] const Poco::Net::HTTPServerParams& serverParams() const override
    {
        return *m_params;
    }
    [[nodiscard]] Poco::Net::HTTPServerResponse& response() const override { return m_response; }
    [[nodiscard]] bool secure() const override { return false; }

private:
    std::istringstream m_body;
    Poco::Net::SocketAddress m_client;
    Poco::Net::SocketAddress m_server;
    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPServerResponse& m_response;
};

} // namespace dcc::fuzz
