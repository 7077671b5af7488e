#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <sstream>
#include <string>

namespace dcc::fuzz {

/// A server response kept in memory: what a handler sends is read back by the fuzzer
/// instead of going to a socket.
class InMemoryResponse final : public Poco::Net::HTTPServerResponse
{
public:
    void sendContinue() override {}
    std::ostream& send() override;
    void sendFile(const std::string& path, const std::string& mediaType) override;
    void sendBuffer(const void* buffer, std::size_t length) override;
    void redirect(const std::string& uri, HTTPStatus status = HTTP_FOUND) override;
    void requireAuthentication(const std::string& realm) override;
    [[nodiscard]] bool sent() const override { return m_sent; }

    [[nodiscard]] std::string body() const { return m_body.str(); }

private:
    void markSent();

    std::ostringstream m_body;
    bool m_sent = false;
};

} // namespace dcc::fuzz
