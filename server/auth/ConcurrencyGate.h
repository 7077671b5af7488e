#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace dcc::server {

/// At most N holders at once; the others wait their turn. Used around Argon2id: each hash
/// takes its memory (19 MiB) and a whole core for its duration, so running more of them
/// than there are cores only makes every login slower and the server's memory unbounded
/// when many logins arrive together (the HTTP threads, which are many, wait here instead).
class ConcurrencyGate
{
public:
    /// `slots` 0: one per hardware thread.
    explicit ConcurrencyGate(std::size_t slots);

    /// Holds a slot for its lifetime.
    class Pass
    {
    public:
        explicit Pass(ConcurrencyGate& gate);
        ~Pass();
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;

    private:
        ConcurrencyGate& m_gate;
    };

    [[nodiscard]] std::size_t slots() const noexcept { return m_slots; }

private:
    std::size_t m_slots;
    std::size_t m_used = 0;
    std::mutex m_mutex;
    std::condition_variable m_freed;
};

} // namespace dcc::server
