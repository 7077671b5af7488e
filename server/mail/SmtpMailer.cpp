#include "server/mail/SmtpMailer.h"

#include "common/Utf8.h"
#include "server/mail/MailUnavailable.h"
#include "server/mail/MimeMessage.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace dcc::server {

namespace {

using Poco::Net::Context;

Poco::Timespan toTimespan(std::chrono::milliseconds duration)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

// The words of each extension line of an EHLO reply ("250-AUTH PLAIN LOGIN" gives
// {"auth", "plain", "login"}), lower case. Poco joins the lines of a reply with '\n'.
std::vector<std::vector<std::string>> extensions(const std::string& ehloReply)
{
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(ehloReply);
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() <= 4)
            continue;
        std::vector<std::string> words;
        std::string word;
        // "AUTH=PLAIN" is the pre-RFC 4954 spelling some servers still add.
        for (const char c : Utf8::asciiLower(std::string_view(line).substr(4))) {
            if (c == ' ' || c == '=' || c == '\r') {
                if (!word.empty())
                    words.push_back(std::move(word));
                word.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty())
            words.push_back(std::move(word));
        if (!words.empty())
            lines.push_back(std::move(words));
    }
    return lines;
}

bool offers(const std::string& ehloReply, std::string_view extension)
{
    for (const auto& words : extensions(ehloReply)) {
        if (words.front() == extension)
            return true;
    }
    return false;
}

bool offersAuth(const std::string& ehloReply, std::string_view mechanism)
{
    for (const auto& words : extensions(ehloReply)) {
        if (words.front() != "auth")
            continue;
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (words[i] == mechanism)
                return true;
        }
    }
    return false;
}

// Why OpenSSL refused the server's certificate, for the log: the handshake only says
// "certificate verify failed". Set by the verify callback on the thread that runs send().
thread_local std::string t_certificateProblem;

int recordCertificateProblem(int preverifyOk, X509_STORE_CTX* store)
{
    if (preverifyOk == 0 && t_certificateProblem.empty())
        t_certificateProblem = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
    return preverifyOk;
}

// TLS over a connected socket, the handshake bounded by one deadline. Poco's blocking
// handshake retries past the socket timeouts (three times the timeout against a server that
// accepts but never answers, measured with Poco 1.11), so it is driven non-blocking here.
Poco::Net::SecureStreamSocket startTlsOn(Poco::Net::StreamSocket socket, const std::string& host,
                                         const Context::Ptr& context, Poco::Timespan timeout)
{
    using Poco::Net::SecureStreamSocket;
    using Poco::Net::Socket;
    Poco::Timestamp started;
    socket.setBlocking(false);
    // Non-blocking, attach() only prepares the TLS client (SNI, our context).
    SecureStreamSocket secure = SecureStreamSocket::attach(socket, host, context);
    while (true) {
        const int status = secure.completeHandshake();
        if (status == 1)
            break;
        if (status != SecureStreamSocket::ERR_SSL_WANT_READ &&
            status != SecureStreamSocket::ERR_SSL_WANT_WRITE)
            throw Poco::Net::SSLException("the server closed the connection during the handshake");
        const Poco::Timespan left = timeout - Poco::Timespan(started.elapsed());
        const int mode = status == SecureStreamSocket::ERR_SSL_WANT_WRITE ? Socket::SELECT_WRITE
                                                                          : Socket::SELECT_READ;
        if (left <= Poco::Timespan(0) || !secure.poll(left, mode))
            throw Poco::TimeoutException("TLS handshake");
    }
    secure.setBlocking(true);
    return secure;
}

// Poco's session over a socket that this file connected (Poco's own constructor connects
// with no timeout), opened up for what the protected parts of Poco's class do: read the
// EHLO reply, switch to TLS with our context and host name, authenticate.
class SmtpConversation : public Poco::Net::SMTPClientSession
{
public:
    explicit SmtpConversation(const Poco::Net::StreamSocket& socket)
        : SMTPClientSession(socket)
    {}

    SmtpConversation(const SmtpConversation&) = delete;
    SmtpConversation& operator=(const SmtpConversation&) = delete;

    ~SmtpConversation() override
    {
        // After a failure the server may be silent: the QUIT that Poco's destructor sends
        // would wait a second timeout. Closing the socket first makes that QUIT fail at once.
        if (!m_finished) {
            try {
                socket().close();
            } catch (...) {
            }
        }
    }

    /// Reads the greeting the first time, sends EHLO and returns its reply.
    std::string hello(const std::string& clientName)
    {
        std::string reply;
        login(clientName, reply);
        return reply;
    }

    void startTls(const std::string& host, const Context::Ptr& context, Poco::Timespan timeout)
    {
        std::string reply;
        const int status = sendCommand("STARTTLS", reply);
        if (!isPositiveCompletion(status))
            throw Poco::Net::SMTPException("STARTTLS refused", reply, status);
        socket() = startTlsOn(socket(), host, context, timeout);
    }

    void authenticate(const std::string& ehloReply, const std::string& user,
                      const std::string& password)
    {
        const bool plain = offersAuth(ehloReply, "plain");
        if (!plain && !offersAuth(ehloReply, "login"))
            throw Poco::Net::SMTPException("the server offers neither AUTH PLAIN nor AUTH LOGIN");
        try {
            if (plain)
                loginUsingPlain(user, password);
            else
                loginUsingLogin(user, password);
        } catch (const Poco::Net::SMTPException& e) {
            // The reply to a failed AUTH may echo the command, that is the credentials in
            // base64: keep only the status code.
            throw Poco::Net::SMTPException(plain ? "AUTH PLAIN refused" : "AUTH LOGIN refused",
                                           e.code());
        }
    }

    void transmit(const MimeMessage& message)
    {
        sendAddresses(message.senderAddress(), {message.recipientAddress()});
        sendData();
        std::istringstream text(message.text());
        sendMessage(text);
    }

    /// Once the server has taken the mail, nothing that happens to QUIT changes the outcome.
    void quit()
    {
        m_finished = true;
        try {
            close();
        } catch (const Poco::Exception&) {
        }
    }

private:
    bool m_finished = false;
};

Context::Ptr makeTlsContext(const SmtpSettings& settings)
{
    Context::Params params;
    params.caLocation = settings.caFile;
    params.loadDefaultCAs = true;
    params.verificationMode = Context::VERIFY_STRICT;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
    Context::Ptr context;
    try {
        context = new Context(Context::TLS_CLIENT_USE, params);
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("cannot set up TLS for SMTP (CA file \"" + settings.caFile +
                                    "\"): " + e.displayText());
    }
    context->requireMinimumProtocol(Context::PROTO_TLSV1_2);

    // Verification is left to OpenSSL alone, inside the handshake: Poco's callback would
    // let a process-wide certificate handler (SSLManager) accept a bad certificate, and
    // Poco's host name check skips loopback names and matches names through DNS.
    context->enableExtendedCertificateVerification(false);
    SSL_CTX* ssl = context->sslContext();
    SSL_CTX_set_verify(ssl, SSL_VERIFY_PEER, recordCertificateProblem);
    X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    Poco::Net::IPAddress ip;
    const bool hostSet =
        Poco::Net::IPAddress::tryParse(settings.host, ip)
            ? X509_VERIFY_PARAM_set1_ip_asc(verify, settings.host.c_str()) == 1
            : X509_VERIFY_PARAM_set1_host(verify, settings.host.c_str(), settings.host.size()) == 1;
    if (!hostSet)
        throw std::invalid_argument("cannot check SMTP certificates against host \"" +
                                    settings.host + "\"");
    return context;
}

} // namespace

SmtpMailer::SmtpMailer(SmtpSettings settings, MailIdentity from)
    : m_settings(std::move(settings))
    , m_from(std::move(from))
{
    MimeMessage::checkSender(m_from);
    if (m_settings.host.empty())
        throw std::invalid_argument("the SMTP host is empty");
    if (m_settings.timeout <= std::chrono::milliseconds::zero())
        throw std::invalid_argument("the SMTP timeout must be positive");
    if (!m_settings.user.empty() && m_settings.security == SmtpSettings::Security::None)
        throw std::invalid_argument(
            "SMTP credentials are never sent in clear text: use starttls or tls");
    if (m_settings.security != SmtpSettings::Security::None)
        m_tlsContext = makeTlsContext(m_settings);
}

SmtpMailer::~SmtpMailer() = default;

void SmtpMailer::send(const OutgoingMail& mail)
{
    const MimeMessage message = MimeMessage::forSending(mail, m_from);
    t_certificateProblem.clear();
    const auto fail = [this](const std::string& cause) {
        throw MailUnavailable("cannot hand the mail to the SMTP server " + m_settings.host + ":" +
                              std::to_string(m_settings.port) + " (" +
                              std::string(SmtpSettings::securityName(m_settings.security)) +
                              "): " + cause);
    };
    try {
        deliver(message);
    } catch (const Poco::TimeoutException&) {
        fail("no answer within " + std::to_string(m_settings.timeout.count()) + " ms");
    } catch (const Poco::Net::SSLException& e) {
        fail("TLS failed: " + e.displayText() +
             (t_certificateProblem.empty() ? "" : " (" + t_certificateProblem + ")"));
    } catch (const Poco::Exception& e) {
        fail(e.displayText());
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

void SmtpMailer::deliver(const MimeMessage& message) const
{
    using Security = SmtpSettings::Security;
    const Poco::Timespan timeout = toTimespan(m_settings.timeout);

    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(m_settings.host, m_settings.port), timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    if (m_settings.security == Security::ImplicitTls)
        socket = startTlsOn(socket, m_settings.host, m_tlsContext, timeout);

    SmtpConversation smtp(socket);
    const std::string clientName = Poco::Environment::nodeName();
    std::string ehloReply = smtp.hello(clientName);
    if (m_settings.security == Security::StartTls) {
        if (!offers(ehloReply, "starttls"))
            throw Poco::Net::SMTPException(
                "the server does not offer STARTTLS; the mail is not sent in clear text");
        smtp.startTls(m_settings.host, m_tlsContext, timeout);
        // RFC 3207: forget what was learnt before TLS and ask again.
        ehloReply = smtp.hello(clientName);
    }
    if (!m_settings.user.empty())
        smtp.authenticate(ehloReply, m_settings.user, m_settings.password);
    smtp.transmit(message);
    smtp.quit();
}

} // namespace dcc::server
