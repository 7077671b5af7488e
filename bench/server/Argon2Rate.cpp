#include "bench/server/Argon2Rate.h"

#include "server/auth/PasswordHasher.h"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace dcc::bench {

Argon2Rate::Result Argon2Rate::measure(int threads, std::chrono::milliseconds duration,
                                       std::uint32_t memoryKiB, std::uint32_t iterations)
{
    server::PasswordHasher::Parameters parameters;
    parameters.memoryKiB = memoryKiB;
    parameters.iterations = iterations;
    const server::PasswordHasher hasher(parameters);
    const std::string password = "Bench-Password-1";
    const std::string phc = hasher.hash(password);

    std::atomic<std::uint64_t> hashes{0};
    std::atomic<bool> failed{false};
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (;;) {
                if (!hasher.verify(password, phc))
                    failed = true;
                if (std::chrono::steady_clock::now() > deadline)
                    break; // ended after the window: not counted
                ++hashes;
            }
        });
    }
    for (auto& worker : workers)
        worker.join();
    if (failed)
        throw std::runtime_error("Argon2id verification failed");
    return {hashes.load(), std::chrono::duration<double>(duration).count()};
}

} // namespace dcc::bench
