#include "fuzz/InMemoryResponse.h"

#include <cstdlib>

namespace dcc::fuzz {

void InMemoryResponse::markSent()
{
    // Poco's real response cannot be sent twice either; a handler that tries is a bug.
    if (m_sent)
        std::abort();
    m_sent = true;
}

std::ostream& InMemoryResponse::send()
{
    markSent();
    return m_body;
}

void InMemoryResponse::sendFile(const std::string&, const std::string&)
{
    // No endpoint serves files.
    std::abort();
}

void InMemoryResponse::sendBuffer(const void* buffer, std::size_t length)
{
    markSent();
    m_body.write(static_cast<const char*>(buffer), static_cast<std::streamsize>(length));
}

void InMemoryResponse::redirect(const std::string& uri, HTTPStatus status)
{
    markSent();
    setStatusAndReason(status);
    set("Location", uri);
}

void InMemoryResponse::requireAuthentication(const std::string&)
{
    markSent();
    setStatusAndReason(HTTP_UNAUTHORIZED);
}

} // namespace dcc::fuzz
