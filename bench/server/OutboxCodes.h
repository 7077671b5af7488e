#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace dcc::bench {

/// The one-time codes the server writes into its `mail.transport = file` outbox, by
/// recipient address: a thread follows the folder with inotify, reads each new .eml as it
/// is renamed into place, keeps its code and deletes it (the folder stays small however
/// long the run). A reader, not a parser of every MIME form: the server's own mails put
/// the six digits alone on a line, which quoted-printable leaves as they are.
class OutboxCodes
{
public:
    explicit OutboxCodes(std::filesystem::path outbox);
    ~OutboxCodes();
    OutboxCodes(const OutboxCodes&) = delete;
    OutboxCodes& operator=(const OutboxCodes&) = delete;

    /// The code mailed to `address` (taken: a second call waits for the next mail), or
    /// nullopt when none comes within `timeout`.
    std::optional<std::string> take(const std::string& address, std::chrono::milliseconds timeout);

    /// Mails seen that held no code or no recipient (should stay 0).
    [[nodiscard]] std::size_t unreadable() const;

private:
    void follow();
    void readMail(const std::filesystem::path& file);

    std::filesystem::path m_outbox;
    int m_inotify = -1;
    int m_stopPipe[2] = {-1, -1};
    mutable std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::multimap<std::string, std::string> m_codes;
    std::size_t m_unreadable = 0;
    std::thread m_thread;
};

} // namespace dcc::bench
