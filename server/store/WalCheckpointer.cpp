#include "server/store/WalCheckpointer.h"

#include <sqlite3.h>

namespace dcc::server {

WalCheckpointer::WalCheckpointer(const std::string& path)
{
    if (sqlite3_open_v2(path.c_str(), &m_connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        sqlite3_close(m_connection);
        m_connection = nullptr;
        return;
    }
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    sqlite3_close(m_connection);
}

void WalCheckpointer::install(sqlite3* connection)
{
    if (m_connection != nullptr)
        sqlite3_wal_hook(connection, &WalCheckpointer::afterCommit, this); // replaces SQLite's
}

int WalCheckpointer::afterCommit(void* self, sqlite3*, const char*, int pages)
{
    if (pages >= kPagesBeforeCheckpoint) {
        auto* checkpointer = static_cast<WalCheckpointer*>(self);
        {
            const std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_wanted = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_wanted || m_stopping; });
        if (m_stopping)
            return;
        m_wanted = false;
        lock.unlock();
        // PASSIVE: what no reader still needs, without waiting for anyone. The first writer
        // after a complete one starts the log again from its beginning. A failure (another
        // process checkpointing, a full disk) leaves the log to the next wake-up.
        sqlite3_wal_checkpoint_v2(m_connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
        m_checkpoints.fetch_add(1);
        lock.lock();
    }
}

} // namespace dcc::server
