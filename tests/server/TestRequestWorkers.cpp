#include "server/http/RequestWorkers.h"

#include <QtTest>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

using dcc::server::RequestWorkers;

/// The worker threads (server/http/RequestWorkers): none until a job comes, more as jobs
/// find every started thread busy, never more than the limit; waiting jobs start in the
/// order they came; a full queue refuses.
class TestRequestWorkers : public QObject
{
    Q_OBJECT

    /// Jobs that wait until the test opens the gate.
    struct Gate
    {
        std::mutex mutex;
        std::condition_variable changed;
        bool open = false;
        int waiting = 0;

        void pass()
        {
            std::unique_lock lock(mutex);
            ++waiting;
            changed.notify_all();
            changed.wait(lock, [this] { return open; });
        }
        /// Waits (5 s at most) until `count` jobs wait at the gate.
        bool awaitWaiting(int count)
        {
            std::unique_lock lock(mutex);
            return changed.wait_for(lock, std::chrono::seconds(5),
                                    [&] { return waiting >= count; });
        }
        void openUp()
        {
            const std::lock_guard lock(mutex);
            open = true;
            changed.notify_all();
        }
    };

private Q_SLOTS:
    void noThreadUntilAJobComes()
    {
        RequestWorkers workers(8, 8);
        QCOMPARE(workers.threadCount(), std::size_t(0));
        Gate gate;
        QVERIFY(workers.submit([&] { gate.pass(); }));
        QVERIFY(gate.awaitWaiting(1));
        QCOMPARE(workers.threadCount(), std::size_t(1));
        gate.openUp();
    }

    void busyThreadsMakeNewOnesUpToTheLimit()
    {
        RequestWorkers workers(3, 8);
        Gate gate;
        std::mutex mutex;
        std::vector<int> order;
        for (int i = 0; i < 5; ++i) {
            QVERIFY(workers.submit([&, i] {
                {
                    const std::lock_guard lock(mutex);
                    order.push_back(i); // the order jobs start in
                }
                gate.pass();
            }));
        }
        QVERIFY(gate.awaitWaiting(3)); // three run, two wait in the queue
        QCOMPARE(workers.threadCount(), std::size_t(3));
        gate.openUp();
        workers.finish(); // runs what is queued, then joins
        QCOMPARE(workers.threadCount(), std::size_t(3));
        QCOMPARE(order.size(), std::size_t(5));
        // The two that waited started after the first three, whatever the threads' pace.
        QCOMPARE(std::min(order[3], order[4]), 3);
        QCOMPARE(std::max(order[3], order[4]), 4);
    }

    void aFullQueueRefuses()
    {
        RequestWorkers workers(1, 2);
        Gate gate;
        QVERIFY(workers.submit([&] { gate.pass(); }));
        QVERIFY(gate.awaitWaiting(1)); // the only thread is busy
        QVERIFY(workers.submit([] {}));
        QVERIFY(workers.submit([] {}));
        QVERIFY(!workers.submit([] {})); // two wait already
        gate.openUp();
    }
};

QTEST_GUILESS_MAIN(TestRequestWorkers)
#include "TestRequestWorkers.moc"
