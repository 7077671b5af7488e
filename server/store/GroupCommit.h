#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace dcc::server {

class SqlSession;

/// Writes from many threads gathered into few transactions. SQLite has one writer: one
/// transaction per request made every write pay for its own commit (the WAL append, and a
/// checkpoint now and then) and for a hand-over of the writer lock from thread to thread;
/// /launch spent half its time there (docs/BENCHMARKS.md, "Third round").
///
/// A thread that submits work while no batch runs becomes the leader: it takes what is
/// queued (its own work first in line, at most `maxBatch`) and runs it through `runBatch`,
/// in the leader's thread, while later arrivals queue for the next batch. Every submitter
/// returns once its batch has run, with its own work's outcome: runBatch records each work's
/// exception in its Request (see Database: a savepoint per work, so one failing work does
/// not undo the others), or the batch's when the commit itself fails.
class GroupCommit
{
public:
    using Work = std::function<void(SqlSession&)>;
    struct Request
    {
        const Work* work;
        std::exception_ptr error;
        bool done = false;
    };
    using RunBatch = std::function<void(const std::vector<Request*>& batch)>;

    GroupCommit(std::size_t maxBatch, RunBatch runBatch);

    /// Runs `work` in a batch; rethrows what it threw, or what failed its batch. false,
    /// with nothing run, when no batch took it within `wait` (the batches before it
    /// took that long, or the thread running the current batch waits for this one).
    [[nodiscard]] bool submit(const Work& work, std::chrono::milliseconds wait);

    /// Works waiting for a batch to take them.
    [[nodiscard]] std::size_t queued();

private:
    const std::size_t m_maxBatch;
    const RunBatch m_runBatch;
    std::mutex m_mutex;
    std::condition_variable m_batchDone;
    std::deque<Request*> m_queue;
    bool m_leading = false;
};

} // namespace dcc::server
