#pragma once

#include <Poco/JSON/Object.h>
#include <QString>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dcc::test {

/// A small synchronous HTTP(S) client for the server's tests: one new connection per request
/// (`Connection: close` unless given), redirects never followed. Requests are written by hand
/// on a Poco socket, so that a response sent before the server read the whole body (413 on
/// a large body) is still read after the write failed.
///
/// https URLs are verified strictly against `caFile` only (normally DCC_TEST_TLS_CA, the test
/// PKI's tls-ca.pem), host name included; the system's CAs are not loaded and there is no
/// way to accept any certificate. Transport failures (connection refused, time-out, TLS
/// verification) throw std::runtime_error naming the request.
///
/// The client ignores SIGPIPE for the whole process, so that a server closing the
/// connection early (e.g. on a too large body) is a failed write, not a dead test.
class HttpTestClient
{
public:
    /// Orders header names without regard to case, as HTTP compares them.
    struct HeaderNameLess
    {
        bool operator()(const std::string& a, const std::string& b) const;
    };
    using Headers = std::multimap<std::string, std::string, HeaderNameLess>;

    struct Response
    {
        int status = 0; ///< 0 only from sendRaw(): the server closed without answering
        std::string reason;
        std::string body;
        Headers headers;                     ///< as received, Set-Cookie included
        std::vector<std::string> setCookies; ///< every Set-Cookie value, in order

        /// First value of the header (any case), or "" when absent.
        [[nodiscard]] std::string header(const std::string& name) const;
        [[nodiscard]] bool hasHeader(const std::string& name) const;
        [[nodiscard]] std::vector<std::string> headerValues(const std::string& name) const;
        /// Value of the cookie `name` set by this response (attributes stripped).
        [[nodiscard]] std::optional<std::string> cookie(const std::string& name) const;
        /// The whole Set-Cookie line for cookie `name` (attributes included), or "".
        [[nodiscard]] std::string setCookie(const std::string& name) const;
        /// The body as a JSON object; throws std::runtime_error (with status and body) when
        /// it is not one.
        [[nodiscard]] Poco::JSON::Object::Ptr json() const;
    };

    /// `baseUrl` is scheme://host:port with an optional path prefix ("http://127.0.0.1:8080",
    /// "https://localhost:8443"). `caFile` is required for https.
    explicit HttpTestClient(QString baseUrl, QString caFile = {});
    ~HttpTestClient();
    HttpTestClient(const HttpTestClient&) = delete;
    HttpTestClient& operator=(const HttpTestClient&) = delete;

    /// Connect, send and receive time-out of each request (default 15 s).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// One request; throws when no response comes. The body is sent as is, with
    /// Content-Length set to its size unless `headers` gives one: a given Content-Length is
    /// sent unchanged, whatever the body (a larger value makes the server wait for the rest,
    /// until the time-out). Host is set from the base URL unless given.
    Response request(const std::string& method, const std::string& path,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {});
    /// The same with `Transfer-Encoding: chunked`, the body cut into chunks of `chunkSize`.
    Response requestChunked(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::map<std::string, std::string>& headers = {},
                            std::size_t chunkSize = 1024);

    Response get(const std::string& path, const std::map<std::string, std::string>& headers = {});
    /// POST with `Content-Type: application/json` (unless `headers` gives another).
    Response postJson(const std::string& path, const Poco::JSON::Object& body,
                      const std::map<std::string, std::string>& headers = {});
    Response postJson(const std::string& path, const std::string& rawJson,
                      const std::map<std::string, std::string>& headers = {});

    /// Writes `bytes` exactly as given on a fresh connection (TLS when https), then reads
    /// one response: up to its Content-Length, its last chunk, the server closing, or the
    /// time-out. For malformed requests (bad request lines, bad or duplicated Content-Length,
    /// Content-Length with chunked …). Status 0 means that the server closed, or said
    /// nothing, without answering; `reason` then says which.
    Response sendRaw(const std::string& bytes);

    [[nodiscard]] std::string baseUrl() const { return m_baseUrl; }

    enum class TlsVersion
    {
        Tls1_0,
        Tls1_1,
        Tls1_2,
        Tls1_3
    };
    struct TlsHandshake
    {
        bool succeeded = false;
        std::string protocol; ///< negotiated version on success, e.g. "TLSv1.3"
        std::string error;    ///< why it failed
    };
    /// A TLS handshake (certificate and host name verified against `caFile`) offering TLS 1.0
    /// up to `maxVersion`. The client side is deliberately permissive (OpenSSL security level
    /// 0, so that SHA-1 handshakes of TLS 1.0/1.1 are possible): a failure with
    /// maxVersion = Tls1_1 proves that the *server* refuses TLS 1.1.
    static TlsHandshake tlsHandshake(const std::string& host, std::uint16_t port,
                                     const QString& caFile, TlsVersion maxVersion);
    static bool tlsHandshakeSucceeds(const std::string& host, std::uint16_t port,
                                     const QString& caFile, TlsVersion maxVersion)
    {
        return tlsHandshake(host, port, caFile, maxVersion).succeeded;
    }

private:
    Response exchange(const std::string& method, const std::string& path, const std::string& body,
                      const std::map<std::string, std::string>& headers, std::size_t chunkSize);
    Response transfer(const std::string& bytes, bool headRequest, const std::string& what);
    [[nodiscard]] std::string target(const std::string& path) const;

    std::string m_baseUrl;
    std::string m_scheme;
    std::string m_host;
    std::uint16_t m_port = 0;
    std::string m_pathPrefix;
    // Poco's TLS context, https only. Kept out of this header: Poco 1.11's NetSSL headers need
    // OpenSSL APIs that dcc::common's OPENSSL_NO_DEPRECATED hides from the tests.
    struct TlsContext;
    std::unique_ptr<TlsContext> m_tls;
    std::chrono::milliseconds m_timeout{15000};
};

} // namespace dcc::test
