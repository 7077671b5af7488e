#include "bench/server/SessionFiller.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace dcc::bench {

SessionFiller::SessionFiller(std::string host, std::uint16_t port, int clients)
    : m_host(std::move(host))
    , m_port(port)
    , m_clients(clients)
{}

SessionFiller::Result SessionFiller::fill(const std::vector<std::string>& tickets)
{
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> sessions{0};
    std::atomic<std::size_t> checked{0};
    std::atomic<std::size_t> failures{0};
    std::mutex kindsMutex;
    std::map<std::string, std::size_t> kinds;
    auto failed = [&](const std::string& kind) {
        ++failures;
        const std::lock_guard lock(kindsMutex);
        ++kinds[kind];
    };
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < m_clients; ++c) {
        threads.emplace_back([&] {
            Poco::Net::HTTPClientSession http(m_host, m_port);
            http.setKeepAlive(true);
            auto exchange = [&](const std::string& path,
                                const std::string& cookie) -> std::pair<int, std::string> {
                try {
                    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                                   Poco::Net::HTTPMessage::HTTP_1_1);
                    request.setKeepAlive(true);
                    if (!cookie.empty())
                        request.set("Cookie", cookie);
                    http.sendRequest(request);
                    Poco::Net::HTTPResponse response;
                    std::string ignored;
                    Poco::StreamCopier::copyToString(http.receiveResponse(response), ignored);
                    std::vector<Poco::Net::HTTPCookie> cookies;
                    response.getCookies(cookies);
                    std::string got;
                    if (!cookies.empty())
                        got = cookies.front().getName() + "=" + cookies.front().getValue();
                    return {static_cast<int>(response.getStatus()), got};
                } catch (const Poco::Exception&) {
                    http.reset();
                    return {0, {}};
                }
            };
            for (std::size_t i = next++; i < tickets.size(); i = next++) {
                const auto [status, cookie] = exchange("/launch?ticket=" + tickets[i], {});
                if (status != 302 || cookie.empty()) {
                    failed("launch " + std::to_string(status));
                    continue;
                }
                ++sessions;
                const int checkStatus = exchange("/api/v1/session", cookie).first;
                if (checkStatus == 200)
                    ++checked;
                else
                    failed("session " + std::to_string(checkStatus));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    Result result;
    result.sessions = sessions;
    result.checkedOk = checked;
    result.failures = failures;
    result.failureKinds = kinds;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace dcc::bench
