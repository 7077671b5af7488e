#include "server/http/RequestHead.h"

#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/NetException.h>

namespace dcc::server {

RequestHead RequestHead::inspect(std::string_view bytes)
{
    RequestHead head;
    const std::size_t end = bytes.find("\r\n\r\n");
    if (end == std::string_view::npos)
        return head;
    head.m_state = State::Unreadable;
    try {
        // Poco's own parser, the one the worker uses, over the bytes of the head only.
        Poco::MemoryInputStream stream(bytes.data(), static_cast<std::streamsize>(end + 4));
        head.m_request.read(stream); // throws on a malformed head
        head.m_hasBody = head.m_request.has(Poco::Net::HTTPMessage::TRANSFER_ENCODING) ||
                         head.m_request.getContentLength64() > 0;
        head.m_size = end + 4;
        head.m_state = State::Complete;
    } catch (const Poco::Exception&) { // malformed: the worker's parser answers 400
    }
    return head;
}

} // namespace dcc::server
