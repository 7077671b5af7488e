#include "server/store/GroupCommit.h"

#include <algorithm>
#include <utility>

namespace dcc::server {

GroupCommit::GroupCommit(std::size_t maxBatch, RunBatch runBatch)
    : m_maxBatch(maxBatch > 0 ? maxBatch : 1)
    , m_runBatch(std::move(runBatch))
{}

bool GroupCommit::submit(const Work& work, std::chrono::milliseconds wait)
{
    Request mine{&work, nullptr, false};
    const auto deadline = std::chrono::steady_clock::now() + wait;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(&mine);
    while (!mine.done) {
        if (m_leading) {
            if (m_batchDone.wait_until(lock, deadline) == std::cv_status::timeout) {
                // Still queued: withdrawn. Taken by the running batch: wait for its end.
                const auto queued = std::find(m_queue.begin(), m_queue.end(), &mine);
                if (queued != m_queue.end()) {
                    m_queue.erase(queued);
                    return false;
                }
            }
            continue;
        }
        m_leading = true;
        std::vector<Request*> batch;
        batch.reserve(std::min(m_queue.size(), m_maxBatch));
        while (!m_queue.empty() && batch.size() < m_maxBatch) {
            batch.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        try {
            m_runBatch(batch);
        } catch (...) { // runBatch records errors per request; anything else fails them all
            for (Request* request : batch)
                if (!request->error)
                    request->error = std::current_exception();
        }
        lock.lock();
        for (Request* request : batch)
            request->done = true;
        m_leading = false;
        // The waiting threads: those served leave, the first of the others leads next.
        m_batchDone.notify_all();
    }
    if (mine.error)
        std::rethrow_exception(mine.error);
    return true;
}

std::size_t GroupCommit::queued()
{
    const std::lock_guard lock(m_mutex);
    return m_queue.size();
}

} // namespace dcc::server
