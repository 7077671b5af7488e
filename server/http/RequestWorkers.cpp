#include "server/http/RequestWorkers.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace dcc::server {

RequestWorkers::RequestWorkers(std::size_t threads, std::size_t maxQueued)
    : m_maxQueued(maxQueued)
{
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { run(); });
}

RequestWorkers::~RequestWorkers()
{
    finish();
}

bool RequestWorkers::submit(std::function<void()> job)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_finishing || m_queue.size() >= m_maxQueued)
            return false;
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_one();
    return true;
}

void RequestWorkers::finish()
{
    {
        const std::lock_guard lock(m_mutex);
        m_finishing = true;
    }
    m_wake.notify_all();
    for (std::thread& thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

void RequestWorkers::run()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_finishing || !m_queue.empty(); });
            if (m_queue.empty())
                return; // finishing, nothing left
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        try {
            job();
        } catch (const std::exception& e) {
            // Jobs handle their connection's failures; this is memory exhausted or a bug.
            Poco::Logger::get("dcc.server").error("worker: %s", std::string(e.what()));
        } catch (...) {
            Poco::Logger::get("dcc.server").error("worker: unknown exception");
        }
    }
}

} // namespace dcc::server
