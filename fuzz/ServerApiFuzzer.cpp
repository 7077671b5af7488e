// Every POST endpoint of the server, fed the input as its body through the real router:
// request id, security headers, access log, error mapping, body limit, the endpoint's
// JSON reading and field checks, and behind them the login, reset and session services on
// a temporary SQLite database with the file mail transport.
//
// To get past the flow check, "$CPS_FLOW" and "$OTP_FLOW" in the input are replaced by
// the token of a fresh card or e-mail login of the account below (its password step done
// for real), so that the certificate, signature and code checks see fuzzed values.
//
// The GET pages and the session endpoint then get the input as their query values, session
// cookie, bearer token and language.
//
// Besides the sanitizers, an answer is wrong (abort) when it is a 500, when it was not
// sent, or when an API error is not the protocol's JSON error object.
#include "server/app/ServerComponents.h"
#include "server/auth/Clock.h"
#include "server/auth/PasswordHasher.h"
#include "server/http/Router.h"
#include "server/store/AccountStore.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fuzz/InMemoryRequest.h"
#include "fuzz/InMemoryResponse.h"

namespace {

namespace fs = std::filesystem;

constexpr auto kIdentifier = "j.dupont";
constexpr auto kPassword = "Soleil-2024!";
constexpr auto kNationalId = "810012345678"; // the CN of the seeds' certificates
constexpr auto kFormType = "application/x-www-form-urlencoded";
constexpr auto kJsonType = "application/json";

void require(bool condition)
{
    if (!condition)
        std::abort();
}

struct Post
{
    const char* path;
    const char* contentType;
};

// Every route that reads a body (ServerComponents::routes()).
const std::vector<Post>& posts()
{
    static const std::vector<Post> all = {
        {"/api/v1/auth/otp", kJsonType},
        {"/api/v1/auth/otp/resend", kJsonType},
        {"/api/v1/auth/otp/verify", kJsonType},
        {"/api/v1/auth/cps/challenge", kJsonType},
        {"/api/v1/auth/cps/verify", kJsonType},
        {"/api/v1/password/forgot", kJsonType},
        {"/api/v1/password/reset", kJsonType},
        {"/api/v1/logout", kJsonType},
        {"/reset", kFormType},
    };
    return all;
}

/// One server for the whole run, in a temporary folder; never destroyed (the mail queue's
/// thread may still run at exit), reachable, so not a leak.
class Server
{
public:
    Server()
    {
        m_dir = fs::temp_directory_path() / ("dcc-fuzz-server-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
        // Quiet: the access log would cost more than the request.
        Poco::Logger::root().setLevel(Poco::Message::PRIO_FATAL);

        dcc::server::ServerConfig config;
        config.publicOrigin = "http://127.0.0.1:8080";
        config.database.location = (m_dir / "dcc-login.db").string();
        config.keyFile = (m_dir / "server.key").string();
        config.argon2 = {1024, 1, 1};
        config.mailTransport = dcc::server::ServerConfig::MailTransport::File;
        m_outbox = m_dir / "outbox";
        config.mailOutbox = m_outbox.string();
        config.mailFrom = {"webdcr@onco-hdf.fr", "DCC ONCO HDF"};
        config.cps.trustStore = DCC_FUZZ_TRUST_STORE;
        config.cps.revocation = dcc::server::CpsSettings::Revocation::None;
        // No lock-out nor cooldown: every input must reach the checks, not a throttle.
        config.auth.otpResendDelay = 0;
        config.auth.otpMaxCodesPerWindow = 1000000;
        config.auth.accountFreeFailures = 1000000;
        config.auth.accountLockFailures = 1000000;
        config.auth.addressFreeFailures = 1000000;
        config.auth.maxDelaySeconds = 0;
        config.reset.requestsPerIdentifier = 1000000;
        config.reset.requestsPerAddress = 1000000;
        m_components = std::make_unique<dcc::server::ServerComponents>(config, m_clock, "fuzz");
        m_router.reset(m_components->makeRouter());

        dcc::server::NewAccount account;
        account.identifier = kIdentifier;
        account.email = "jean.dupont@hopital.fr";
        account.displayName = "Jean DUPONT";
        account.nationalId = kNationalId;
        account.passwordHash = m_components->hasher().hash(kPassword);
        m_components->accounts().create(account, m_clock.now());
        Poco::Logger::setLevel("", Poco::Message::PRIO_FATAL);
    }

    /// Runs one request through the router; returns the status and body.
    std::pair<int, std::string> post(const Post& route, const std::string& body)
    {
        dcc::fuzz::InMemoryResponse response;
        dcc::fuzz::InMemoryRequest request("POST", route.path, body, response);
        request.setContentType(route.contentType);
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            m_router->createRequestHandler(request));
        handler->handleRequest(request, response);
        require(response.sent());
        const int status = static_cast<int>(response.getStatus());
        // A 500 means an exception nothing expected: the input found a bug.
        require(status != 500);
        if (status >= 400 && std::string(route.contentType) == kJsonType)
            require(isErrorObject(response.body()));
        return {status, response.body()};
    }

    /// A GET with the input as every query value the pages read, as the session cookie,
    /// as a bearer token and as the page language.
    void get(const char* path, const std::string& input)
    {
        std::string header = input.substr(0, 256);
        std::erase_if(header, [](char c) { return c == '\r' || c == '\n'; });
        std::string query;
        Poco::URI::encode(input, "&=+#?/", query);
        dcc::fuzz::InMemoryResponse response;
        dcc::fuzz::InMemoryRequest request(
            "GET", std::string(path) + "?ticket=" + query + "&token=" + query, {}, response);
        request.set("Cookie", "dcc_session=" + header);
        request.set("Authorization", "Bearer " + header);
        request.set("Accept-Language", header);
        const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            m_router->createRequestHandler(request));
        handler->handleRequest(request, response);
        require(response.sent());
        require(static_cast<int>(response.getStatus()) != 500);
        if (std::string_view(path).starts_with("/api/") && response.getStatus() >= 400)
            require(isErrorObject(response.body()));
    }

    /// The flow token of a fresh login whose password step is done, or "" when refused.
    std::string freshFlow(const char* path)
    {
        const std::string body = std::string(R"({"identifier":")") + kIdentifier +
                                 R"(","password":")" + kPassword + R"("})";
        const auto [status, answer] = post(Post{path, kJsonType}, body);
        if (status != 200)
            return {};
        Poco::JSON::Parser parser;
        const auto object = parser.parse(answer).extract<Poco::JSON::Object::Ptr>();
        return object->getValue<std::string>("flow");
    }

    /// The file transport writes every code: keep the folder small on long runs.
    void emptyOutbox()
    {
        if (++m_runs % 1000 != 0)
            return;
        m_components->flushMails(std::chrono::seconds(10));
        std::error_code ignored;
        for (const auto& entry : fs::directory_iterator(m_outbox, ignored))
            fs::remove(entry.path(), ignored);
    }

    void removeFolder()
    {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

private:
    static bool isErrorObject(const std::string& body)
    {
        try {
            Poco::JSON::Parser parser;
            const auto object = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
            return object->has("error") && object->get("error").isString() &&
                   object->has("message");
        } catch (const Poco::Exception&) {
            return false;
        } catch (const std::bad_cast&) {
            return false;
        }
    }

    fs::path m_dir;
    fs::path m_outbox;
    dcc::server::SystemClock m_clock;
    std::unique_ptr<dcc::server::ServerComponents> m_components;
    std::unique_ptr<dcc::server::Router> m_router;
    std::uint64_t m_runs = 0;
};

Server& server()
{
    static Server* instance = [] {
        auto* made = new Server;
        // SQLite and the mail queue may still hold files: unlinking them is fine on POSIX.
        std::atexit([] { server().removeFolder(); });
        return made;
    }();
    return *instance;
}

void replaceAll(std::string& text, const std::string& placeholder, const std::string& value)
{
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    server();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Server& s = server();
    // NOLINTNEXTLINE: libFuzzer hands bytes; the body is text.
    std::string body(reinterpret_cast<const char*>(data), size);
    if (body.find("$CPS_FLOW") != std::string::npos)
        replaceAll(body, "$CPS_FLOW", s.freshFlow("/api/v1/auth/cps/challenge"));
    if (body.find("$OTP_FLOW") != std::string::npos)
        replaceAll(body, "$OTP_FLOW", s.freshFlow("/api/v1/auth/otp"));
    for (const Post& route : posts())
        s.post(route, body);
    for (const char* path : {"/launch", "/reset", "/api/v1/session", "/dcc/"})
        s.get(path, body);
    s.emptyOutbox();
    return 0;
}
