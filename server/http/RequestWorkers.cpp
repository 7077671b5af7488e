#include "server/http/RequestWorkers.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace dcc::server {

RequestWorkers::RequestWorkers(std::size_t maxThreads, std::size_t maxQueued)
    : m_maxThreads(maxThreads)
    , m_maxQueued(maxQueued)
{
    m_threads.reserve(maxThreads);
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
        // Every waiting job has a free thread, or one more starts.
        if (m_queue.size() > m_idle && m_threads.size() < m_maxThreads)
            m_threads.emplace_back([this] { run(); });
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
    // No thread starts once finishing is set: the list no longer changes.
    for (std::thread& thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

std::size_t RequestWorkers::threadCount()
{
    const std::lock_guard lock(m_mutex);
    return m_threads.size();
}

void RequestWorkers::run()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            ++m_idle;
            m_wake.wait(lock, [this] { return m_finishing || !m_queue.empty(); });
            --m_idle;
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
