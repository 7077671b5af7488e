#include "server/auth/TaskQueue.h"

#include <Poco/Logger.h>

#include <exception>

namespace dcc::server {

TaskQueue::TaskQueue()
    : m_thread([this] { run(); })
{}

TaskQueue::~TaskQueue()
{
    flush(std::chrono::seconds(10));
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void TaskQueue::post(std::string name, std::function<void()> task)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(name), std::move(task)});
    }
    m_wake.notify_one();
}

bool TaskQueue::flush(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_queue.empty() && !m_busy; });
}

void TaskQueue::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, nothing left
        Task task = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        try {
            task.work();
        } catch (const std::exception& e) {
            Poco::Logger::get("dcc.tasks").error("%s failed: %s", task.name, std::string(e.what()));
        } catch (...) {
            Poco::Logger::get("dcc.tasks").error("%s failed", task.name);
        }
        lock.lock();
        m_busy = false;
        if (m_queue.empty())
            m_idle.notify_all();
    }
}

} // namespace dcc::server
