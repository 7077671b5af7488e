#include "server/http/HttpConnectionFactory.h"

#include "server/http/HttpConnection.h"

namespace dcc::server {

Poco::Net::TCPServerConnection*
HttpConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket)
{
    return new HttpConnection(socket, m_params, m_router, serverStopped);
}

} // namespace dcc::server
