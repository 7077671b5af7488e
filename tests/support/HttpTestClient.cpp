#include "tests/support/HttpTestClient.h"

#include "tests/support/logs/TestLogs.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HostEntry.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>
#include <QFileInfo>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <csignal>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace dcc::test {

struct HttpTestClient::TlsContext
{
    Poco::Net::Context::Ptr context;
};

namespace {

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equalsIgnoringCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

/// Name of the cookie set by a Set-Cookie value ("name=value; Path=/ …").
std::pair<std::string, std::string> cookieNameValue(const std::string& setCookie)
{
    const std::string pair = setCookie.substr(0, setCookie.find(';'));
    const auto equals = pair.find('=');
    if (equals == std::string::npos)
        return {trimmed(pair), {}};
    return {trimmed(pair.substr(0, equals)), trimmed(pair.substr(equals + 1))};
}

Poco::Timespan timespan(std::chrono::milliseconds duration)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

void ignoreSigpipeOnce()
{
    static const bool done = [] {
        std::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    (void)done;
}

void fillFrom(const Poco::Net::HTTPResponse& from, HttpTestClient::Response& to)
{
    to.status = static_cast<int>(from.getStatus());
    to.reason = from.getReason();
    for (const auto& [name, value] : from) {
        to.headers.emplace(name, value);
        if (equalsIgnoringCase(name, "Set-Cookie"))
            to.setCookies.push_back(value);
    }
}

/// A chunked body decoded, or nothing while the last chunk has not arrived.
std::optional<std::string> decodeChunked(const std::string& data)
{
    std::string body;
    std::size_t pos = 0;
    for (;;) {
        const auto lineEnd = data.find("\r\n", pos);
        if (lineEnd == std::string::npos)
            return std::nullopt;
        const std::string sizeField = data.substr(pos, data.find_first_of(";\r", pos) - pos);
        std::size_t size = 0;
        try {
            size = std::stoul(sizeField, nullptr, 16);
        } catch (const std::exception&) {
            return std::nullopt; // not chunked after all: read until the server closes
        }
        pos = lineEnd + 2;
        if (size == 0) {
            // Trailer fields, then an empty line.
            for (;;) {
                const auto end = data.find("\r\n", pos);
                if (end == std::string::npos)
                    return std::nullopt;
                if (end == pos)
                    return body;
                pos = end + 2;
            }
        }
        if (data.size() < pos + size + 2)
            return std::nullopt;
        body.append(data, pos, size);
        pos += size + 2;
    }
}

struct RawHead
{
    Poco::Net::HTTPResponse response;
    std::size_t bodyStart = 0;
};

/// Parses the status line and header of a raw response once they have all arrived; interim
/// 1xx responses (100 Continue) are skipped.
std::optional<RawHead> parseHead(const std::string& raw)
{
    std::size_t start = 0;
    for (;;) {
        const auto end = raw.find("\r\n\r\n", start);
        if (end == std::string::npos)
            return std::nullopt;
        RawHead head;
        std::istringstream stream(raw.substr(start, end + 4 - start));
        head.response.read(stream);
        head.bodyStart = end + 4;
        const int status = static_cast<int>(head.response.getStatus());
        if (status >= 100 && status < 200 && status != 101) {
            start = head.bodyStart;
            continue;
        }
        return head;
    }
}

/// Whether a raw response is complete: Content-Length reached, last chunk received, or no
/// body to expect.
bool rawResponseComplete(const std::string& raw, bool headRequest)
{
    const auto head = parseHead(raw);
    if (!head)
        return false;
    const int status = static_cast<int>(head->response.getStatus());
    if (headRequest || status == 204 || status == 304 || status == 101)
        return true;
    if (head->response.getChunkedTransferEncoding())
        return decodeChunked(raw.substr(head->bodyStart)).has_value();
    if (head->response.hasContentLength())
        return raw.size() - head->bodyStart >=
               static_cast<std::size_t>(head->response.getContentLength64());
    return false; // until the server closes
}

/// A TCP connection to the first address of `host` that accepts one ("localhost" may be ::1
/// first, while the server listens on 127.0.0.1 only).
Poco::Net::StreamSocket connectAny(const std::string& host, std::uint16_t port,
                                   const Poco::Timespan& timeout)
{
    std::vector<Poco::Net::SocketAddress> addresses;
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(host, literal)) {
        addresses.emplace_back(literal, port);
    } else {
        const Poco::Net::HostEntry entry = Poco::Net::DNS::hostByName(host);
        for (const Poco::Net::IPAddress& address : entry.addresses())
            addresses.emplace_back(address, port);
    }
    std::string errors;
    for (const Poco::Net::SocketAddress& address : addresses) {
        try {
            Poco::Net::StreamSocket socket;
            socket.connect(address, timeout);
            return socket;
        } catch (const Poco::Exception& e) {
            errors += (errors.empty() ? "" : "; ") + address.toString() + ": " + e.displayText();
        }
    }
    throw Poco::Net::NetException("cannot connect to " + host, errors);
}

std::string protocolName(int version)
{
    switch (version) {
    case TLS1_VERSION:
        return "TLSv1";
    case TLS1_1_VERSION:
        return "TLSv1.1";
    case TLS1_2_VERSION:
        return "TLSv1.2";
    case TLS1_3_VERSION:
        return "TLSv1.3";
    default:
        return "unknown (" + std::to_string(version) + ")";
    }
}

} // namespace

bool HttpTestClient::HeaderNameLess::operator()(const std::string& a, const std::string& b) const
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
}

std::string HttpTestClient::Response::header(const std::string& name) const
{
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

bool HttpTestClient::Response::hasHeader(const std::string& name) const
{
    return headers.find(name) != headers.end();
}

std::vector<std::string> HttpTestClient::Response::headerValues(const std::string& name) const
{
    std::vector<std::string> values;
    const auto [first, last] = headers.equal_range(name);
    for (auto it = first; it != last; ++it)
        values.push_back(it->second);
    return values;
}

std::optional<std::string> HttpTestClient::Response::cookie(const std::string& name) const
{
    for (const std::string& line : setCookies) {
        auto [cookieName, value] = cookieNameValue(line);
        if (cookieName == name)
            return value;
    }
    return std::nullopt;
}

std::string HttpTestClient::Response::setCookie(const std::string& name) const
{
    for (const std::string& line : setCookies) {
        if (cookieNameValue(line).first == name)
            return line;
    }
    return {};
}

Poco::JSON::Object::Ptr HttpTestClient::Response::json() const
{
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var value = parser.parse(body);
        if (value.type() == typeid(Poco::JSON::Object::Ptr))
            return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        // reported below
    }
    throw std::runtime_error("HTTP " + std::to_string(status) +
                             " response body is not a JSON object: " + body.substr(0, 2000));
}

HttpTestClient::HttpTestClient(QString baseUrl, QString caFile)
    : m_baseUrl(baseUrl.toStdString())
{
    ignoreSigpipeOnce();
    Poco::URI uri;
    try {
        uri = Poco::URI(m_baseUrl);
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("HttpTestClient: bad base URL " + m_baseUrl + ": " +
                                    e.displayText());
    }
    m_scheme = uri.getScheme();
    m_host = uri.getHost();
    m_port = uri.getPort();
    m_pathPrefix = uri.getPath();
    while (!m_pathPrefix.empty() && m_pathPrefix.back() == '/')
        m_pathPrefix.pop_back();
    if ((m_scheme != "http" && m_scheme != "https") || m_host.empty())
        throw std::invalid_argument("HttpTestClient: not an http(s) URL: " + m_baseUrl);
    if (m_scheme == "https") {
        if (caFile.isEmpty() || !QFileInfo(caFile).isFile())
            throw std::invalid_argument("HttpTestClient: https needs an existing CA file, got '" +
                                        caFile.toStdString() + "'");
        Poco::Net::initializeSSL();
        try {
            Poco::Net::Context::Params params;
            params.caLocation = caFile.toStdString();
            params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
            params.verificationDepth = 9;
            params.loadDefaultCAs = false;
            params.cipherList = "DEFAULT";
            auto tls = std::make_unique<TlsContext>();
            tls->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
            tls->context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
            m_tls = std::move(tls);
        } catch (const Poco::Exception& e) {
            Poco::Net::uninitializeSSL();
            throw std::invalid_argument("HttpTestClient: cannot use CA file '" +
                                        caFile.toStdString() + "': " + e.displayText());
        }
    }
}

HttpTestClient::~HttpTestClient()
{
    if (m_tls) {
        m_tls.reset();
        Poco::Net::uninitializeSSL();
    }
}

std::string HttpTestClient::target(const std::string& path) const
{
    if (path.empty() || path.front() != '/')
        return m_pathPrefix + "/" + path;
    return m_pathPrefix + path;
}

HttpTestClient::Response HttpTestClient::request(const std::string& method, const std::string& path,
                                                 const std::string& body,
                                                 const std::map<std::string, std::string>& headers)
{
    return exchange(method, path, body, headers, 0);
}

HttpTestClient::Response HttpTestClient::requestChunked(
    const std::string& method, const std::string& path, const std::string& body,
    const std::map<std::string, std::string>& headers, std::size_t chunkSize)
{
    return exchange(method, path, body, headers, std::max<std::size_t>(chunkSize, 1));
}

HttpTestClient::Response HttpTestClient::get(const std::string& path,
                                             const std::map<std::string, std::string>& headers)
{
    return exchange("GET", path, {}, headers, 0);
}

HttpTestClient::Response HttpTestClient::postJson(const std::string& path,
                                                  const Poco::JSON::Object& body,
                                                  const std::map<std::string, std::string>& headers)
{
    std::ostringstream text;
    body.stringify(text);
    return postJson(path, text.str(), headers);
}

HttpTestClient::Response HttpTestClient::postJson(const std::string& path,
                                                  const std::string& rawJson,
                                                  const std::map<std::string, std::string>& headers)
{
    std::map<std::string, std::string> all = headers;
    const bool typeGiven = std::any_of(all.begin(), all.end(), [](const auto& header) {
        return equalsIgnoringCase(header.first, "Content-Type");
    });
    if (!typeGiven)
        all.emplace("Content-Type", "application/json");
    return exchange("POST", path, rawJson, all, 0);
}

HttpTestClient::Response HttpTestClient::exchange(const std::string& method,
                                                  const std::string& path, const std::string& body,
                                                  const std::map<std::string, std::string>& headers,
                                                  std::size_t chunkSize)
{
    // The request is written by hand rather than through Poco's HTTPClientSession: after a
    // failed write (a server answering 413 and closing before it has read a large body),
    // Poco closes the connection and the answer waiting in the socket is lost.
    Poco::Net::HTTPRequest request(method, target(path), Poco::Net::HTTPMessage::HTTP_1_1);
    bool lengthGiven = false;
    for (const auto& [name, value] : headers) {
        lengthGiven = lengthGiven || equalsIgnoringCase(name, "Content-Length");
        request.set(name, value);
    }
    if (!request.has("Host"))
        request.setHost(m_host, m_port);
    if (!request.has("Connection"))
        request.set("Connection", "close");
    if (chunkSize > 0)
        request.set("Transfer-Encoding", "chunked");
    else if (!lengthGiven &&
             (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH"))
        request.set("Content-Length", std::to_string(body.size()));

    std::ostringstream bytes;
    request.write(bytes);
    if (chunkSize > 0) {
        for (std::size_t pos = 0; pos < body.size(); pos += chunkSize) {
            const std::size_t size = std::min(chunkSize, body.size() - pos);
            bytes << std::hex << size << std::dec << "\r\n";
            bytes.write(body.data() + pos, static_cast<std::streamsize>(size));
            bytes << "\r\n";
        }
        bytes << "0\r\n\r\n";
    } else {
        bytes << body;
    }

    const std::string what =
        method + " " + m_scheme + "://" + m_host + ":" + std::to_string(m_port) + target(path);
    Response response = transfer(bytes.str(), method == "HEAD", what);
    TestLogs::recordExchange(target(path), body, response.body, response.setCookies);
    if (response.status == 0)
        throw std::runtime_error("HttpTestClient: " + what + ": no response (" + response.reason +
                                 ")");
    return response;
}

HttpTestClient::Response HttpTestClient::sendRaw(const std::string& bytes)
{
    return transfer(bytes, bytes.rfind("HEAD ", 0) == 0,
                    "raw request to " + m_scheme + "://" + m_host + ":" + std::to_string(m_port));
}

HttpTestClient::Response HttpTestClient::transfer(const std::string& bytes, bool headRequest,
                                                  const std::string& what)
{
    std::string raw;
    std::string closedBecause;
    try {
        Poco::Net::StreamSocket socket = connectAny(m_host, m_port, timespan(m_timeout));
        socket.setNoDelay(true);
        socket.setSendTimeout(timespan(m_timeout));
        socket.setReceiveTimeout(timespan(m_timeout));
        if (m_tls) // handshake and verification of the certificate and host name
            socket = Poco::Net::SecureStreamSocket::attach(socket, m_host, m_tls->context);

        try {
            std::size_t sent = 0;
            while (sent < bytes.size()) {
                const std::size_t size = std::min<std::size_t>(bytes.size() - sent, 1 << 20);
                const int n = socket.sendBytes(bytes.data() + sent, static_cast<int>(size));
                if (n <= 0)
                    break;
                sent += static_cast<std::size_t>(n);
            }
        } catch (const Poco::Exception& e) {
            closedBecause = "sending failed: " + e.displayText() + "; "; // the answer may be there
        }

        std::array<char, 65536> buffer{};
        try {
            while (!rawResponseComplete(raw, headRequest)) {
                const int n = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
                if (n <= 0) {
                    closedBecause += "the server closed the connection";
                    break;
                }
                raw.append(buffer.data(), static_cast<std::size_t>(n));
            }
        } catch (const Poco::TimeoutException&) {
            closedBecause += "time-out while waiting for the response";
        } catch (const Poco::Net::NetException& e) {
            closedBecause += e.displayText();
        } catch (const Poco::IOException& e) {
            closedBecause += e.displayText();
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("HttpTestClient: " + what + ": " + e.displayText());
    }

    Response result;
    std::optional<RawHead> head;
    try {
        head = parseHead(raw);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("HttpTestClient: " + what + ": unparsable response (" +
                                 e.displayText() + "): " + raw.substr(0, 2000));
    }
    if (!head) {
        if (!raw.empty())
            throw std::runtime_error("HttpTestClient: " + what + ": incomplete response (" +
                                     closedBecause + "): " + raw.substr(0, 2000));
        result.reason = closedBecause;
        return result;
    }
    fillFrom(head->response, result);
    std::string body = raw.substr(head->bodyStart);
    if (headRequest) {
        body.clear();
    } else if (head->response.getChunkedTransferEncoding()) {
        if (auto decoded = decodeChunked(body))
            body = std::move(*decoded);
    } else if (head->response.hasContentLength()) {
        body.resize(
            std::min(body.size(), static_cast<std::size_t>(head->response.getContentLength64())));
    }
    result.body = std::move(body);
    return result;
}

HttpTestClient::TlsHandshake HttpTestClient::tlsHandshake(const std::string& host,
                                                          std::uint16_t port, const QString& caFile,
                                                          TlsVersion maxVersion)
{
    ignoreSigpipeOnce();
    TlsHandshake result;
    if (caFile.isEmpty() || !QFileInfo(caFile).isFile()) {
        result.error = "no CA file '" + caFile.toStdString() + "'";
        return result;
    }
    Poco::Net::initializeSSL();
    try {
        Poco::Net::Context::Params params;
        params.caLocation = caFile.toStdString();
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.loadDefaultCAs = false;
        params.cipherList = "DEFAULT:@SECLEVEL=0";
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
        SSL_CTX* ssl = context->sslContext();
        int max = TLS1_3_VERSION;
        switch (maxVersion) {
        case TlsVersion::Tls1_0:
            max = TLS1_VERSION;
            break;
        case TlsVersion::Tls1_1:
            max = TLS1_1_VERSION;
            break;
        case TlsVersion::Tls1_2:
            max = TLS1_2_VERSION;
            break;
        case TlsVersion::Tls1_3:
            max = TLS1_3_VERSION;
            break;
        }
        SSL_CTX_set_security_level(ssl, 0);
        if (SSL_CTX_set_min_proto_version(ssl, TLS1_VERSION) != 1 ||
            SSL_CTX_set_max_proto_version(ssl, max) != 1)
            throw std::runtime_error("cannot set the TLS protocol range");

        Poco::Net::StreamSocket plain = connectAny(host, port, Poco::Timespan(10, 0));
        plain.setReceiveTimeout(Poco::Timespan(10, 0));
        Poco::Net::SecureStreamSocket socket =
            Poco::Net::SecureStreamSocket::attach(plain, host, context);
        const Poco::Net::Session::Ptr session = socket.currentSession();
        result.protocol =
            session ? protocolName(SSL_SESSION_get_protocol_version(session->sslSession()))
                    : std::string("unknown");
        result.succeeded = true;
        socket.close();
    } catch (const Poco::Exception& e) {
        result.error = e.displayText();
    } catch (const std::exception& e) {
        result.error = e.what();
    }
    Poco::Net::uninitializeSSL();
    return result;
}

} // namespace dcc::test
