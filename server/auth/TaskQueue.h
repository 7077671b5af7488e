#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace dcc::server {

/// Work done after the answer, on a thread of its own: for requests whose answer must
/// not depend on that work, in content or in time (a reset link is asked for with the
/// same 202, as fast, whether or not the account exists). A task that throws is logged
/// by its name, never with its data. Tasks still queued at shutdown run within a deadline;
/// a crash loses them, which is acceptable for what goes here (the user asks again).
class TaskQueue
{
public:
    TaskQueue();
    ~TaskQueue();
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;

    void post(std::string name, std::function<void()> task);
    /// Blocks until every task posted so far has run; false after `timeout`.
    bool flush(std::chrono::milliseconds timeout);

private:
    struct Task
    {
        std::string name;
        std::function<void()> work;
    };
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Task> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace dcc::server
