#include "bench/server/LoginDriver.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>
#include <thread>

#include "bench/server/CpsSigner.h"
#include "bench/server/OutboxCodes.h"

namespace dcc::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Answer
{
    int status = 0;
    std::string body;
    Poco::JSON::Object::Ptr json;
    std::string location;

    [[nodiscard]] std::string text(const std::string& key) const
    {
        return json && json->has(key) ? json->getValue<std::string>(key) : std::string();
    }
    /// "status error" for the failure table.
    [[nodiscard]] std::string failure() const
    {
        const std::string error = text("error");
        return std::to_string(status) + (error.empty() ? "" : " " + error);
    }
};

} // namespace

/// One simulated user: a keep-alive connection, one login after another.
class LoginDriver::Client
{
public:
    Client(LoginDriver& driver, int index)
        : m_driver(driver)
        , m_index(index)
        , m_session(driver.m_options.host, driver.m_options.port)
    {
        m_session.setKeepAlive(true);
        m_session.setTimeout(Poco::Timespan(60, 0));
    }

    void run(Clock::time_point deadline)
    {
        const Options& o = m_driver.m_options;
        const bool cps = o.cpsEvery > 0 && m_index % o.cpsEvery == o.cpsEvery - 1;
        while (Clock::now() < deadline) {
            const auto started = Clock::now();
            const bool done = cps ? cpsLogin() : otpLogin();
            const auto ended = Clock::now();
            // Only logins ending inside the measure window count (and their latency).
            if (done && ended >= m_driver.m_countFrom && ended <= m_driver.m_deadline) {
                m_driver.wholeLogin.add(ended - started);
                ++(cps ? m_driver.m_cps : m_driver.m_otp);
            }
        }
    }

private:
    Answer request(const std::string& method, const std::string& path,
                   const Poco::JSON::Object* body)
    {
        Answer answer;
        try {
            Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setKeepAlive(true);
            std::string payload;
            if (body) {
                std::ostringstream out;
                body->stringify(out);
                payload = out.str();
                request.setContentType("application/json");
                request.setContentLength(static_cast<std::streamsize>(payload.size()));
            }
            m_session.sendRequest(request) << payload;
            Poco::Net::HTTPResponse response;
            std::istream& in = m_session.receiveResponse(response);
            Poco::StreamCopier::copyToString(in, answer.body);
            answer.status = static_cast<int>(response.getStatus());
            answer.location = response.get("Location", "");
            if (response.getContentType().starts_with("application/json") && !answer.body.empty())
                answer.json =
                    Poco::JSON::Parser().parse(answer.body).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception& e) {
            m_session.reset();
            answer.status = 0;
            answer.body = e.displayText();
        } catch (const std::exception& e) {
            m_session.reset();
            answer.status = 0;
            answer.body = e.what();
        }
        return answer;
    }

    // Times `step` into `recorder`; false (and the failure counted) unless `expected`.
    bool check(const Answer& answer, int expected, const char* step)
    {
        if (answer.status == expected)
            return true;
        m_driver.fail(std::string(step) + " " + answer.failure());
        return false;
    }

    bool launch(const Answer& completed)
    {
        if (!m_driver.m_options.launch)
            return true;
        // launch_url is absolute (publicOrigin + /launch?ticket=…): keep the path.
        std::string url = completed.text("launch_url");
        const auto path = url.find("/launch");
        if (path == std::string::npos) {
            m_driver.fail("verify answer without launch_url");
            return false;
        }
        const auto started = Clock::now();
        const Answer answer = request("GET", url.substr(path), nullptr);
        m_driver.launchStep.add(Clock::now() - started);
        return check(answer, 302, "launch");
    }

    bool otpLogin()
    {
        const Options& o = m_driver.m_options;
        const auto n = m_driver.m_next++ % o.otpIdentifiers.size();
        Poco::JSON::Object credentials;
        credentials.set("identifier", o.otpIdentifiers[n]);
        credentials.set("password", o.password);
        auto started = Clock::now();
        const Answer sent = request("POST", "/api/v1/auth/otp", &credentials);
        m_driver.passwordStep.add(Clock::now() - started);
        if (!check(sent, 200, "otp_start"))
            return false;
        const auto code = o.outbox->take(o.otpEmails[n], std::chrono::seconds(30));
        if (!code) {
            m_driver.fail("no mail within 30 s");
            return false;
        }
        Poco::JSON::Object verify;
        verify.set("flow", sent.text("flow"));
        verify.set("code", *code);
        started = Clock::now();
        const Answer done = request("POST", "/api/v1/auth/otp/verify", &verify);
        m_driver.secondStep.add(Clock::now() - started);
        return check(done, 200, "otp_verify") && launch(done);
    }

    bool cpsLogin()
    {
        const Options& o = m_driver.m_options;
        const CpsAccount& account = o.cpsAccounts[m_driver.m_next++ % o.cpsAccounts.size()];
        Poco::JSON::Object credentials;
        credentials.set("identifier", account.identifier);
        credentials.set("password", o.password);
        auto started = Clock::now();
        const Answer challenge = request("POST", "/api/v1/auth/cps/challenge", &credentials);
        m_driver.passwordStep.add(Clock::now() - started);
        if (!check(challenge, 200, "cps_challenge"))
            return false;
        Poco::JSON::Object verify;
        verify.set("flow", challenge.text("flow"));
        verify.set("certificate", account.signer->certificateBase64());
        verify.set("signature", account.signer->sign(o.origin, challenge.text("nonce")));
        verify.set("algorithm", std::string("RS256"));
        started = Clock::now();
        const Answer done = request("POST", "/api/v1/auth/cps/verify", &verify);
        m_driver.secondStep.add(Clock::now() - started);
        return check(done, 200, "cps_verify") && launch(done);
    }

    LoginDriver& m_driver;
    int m_index;
    Poco::Net::HTTPClientSession m_session;
};

std::uint64_t LoginDriver::Result::throttled() const
{
    std::uint64_t n = 0;
    for (const auto& [what, count] : failures) {
        if (what.find("rate_limited") != std::string::npos)
            n += count;
    }
    return n;
}

std::uint64_t LoginDriver::Result::otherFailures() const
{
    std::uint64_t n = 0;
    for (const auto& [what, count] : failures)
        n += count;
    return n - throttled();
}

LoginDriver::LoginDriver(Options options)
    : m_options(std::move(options))
{}

void LoginDriver::fail(const std::string& what)
{
    ++m_failed;
    const std::lock_guard lock(m_failuresMutex);
    ++m_failures[what];
}

LoginDriver::Result LoginDriver::run()
{
    const auto start = Clock::now();
    const auto deadline = start + m_options.warmup + m_options.duration;
    m_countFrom = start + m_options.warmup;
    m_deadline = deadline;
    std::vector<std::thread> threads;
    for (int i = 0; i < m_options.clients; ++i) {
        threads.emplace_back([this, i, deadline] {
            Client client(*this, i);
            client.run(deadline);
        });
    }
    if (m_options.progress) {
        auto next = start + m_options.progressInterval;
        while (next < deadline) {
            std::this_thread::sleep_until(next);
            m_options.progress(*this, std::chrono::duration<double>(Clock::now() - start).count());
            next += m_options.progressInterval;
        }
    }
    for (auto& thread : threads)
        thread.join();
    Result result;
    result.seconds = std::chrono::duration<double>(m_options.duration).count();
    result.otpLogins = m_otp;
    result.cpsLogins = m_cps;
    const std::lock_guard lock(m_failuresMutex);
    result.failures = m_failures;
    return result;
}

} // namespace dcc::bench
