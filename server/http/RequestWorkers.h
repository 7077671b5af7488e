#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dcc::server {

/// The threads that serve the requests which may wait: a password hash, a mail, a database
/// write, a body still arriving, any request over TLS. Jobs run in the order they came;
/// `maxThreads` bounds how many run at once, and a bounded queue how many wait. A thread is
/// started only when a job finds none free, so an idle server holds none (each one's stack
/// and allocator arena would be memory for nothing); once started, it stays.
class RequestWorkers
{
public:
    RequestWorkers(std::size_t maxThreads, std::size_t maxQueued);
    /// Runs the jobs still queued, then joins the threads.
    ~RequestWorkers();
    RequestWorkers(const RequestWorkers&) = delete;
    RequestWorkers& operator=(const RequestWorkers&) = delete;

    /// False, and `job` is dropped, when maxQueued jobs already wait or after finish().
    [[nodiscard]] bool submit(std::function<void()> job);
    /// Takes no more jobs; the threads end once the queue is empty. Waits for them.
    void finish();

    /// The threads started so far.
    [[nodiscard]] std::size_t threadCount();

private:
    void run();

    std::size_t m_maxThreads;
    std::size_t m_maxQueued;
    std::size_t m_idle = 0; ///< threads waiting for a job
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_queue;
    bool m_finishing = false;
    std::vector<std::thread> m_threads;
};

} // namespace dcc::server
