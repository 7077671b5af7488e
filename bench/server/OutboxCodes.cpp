#include "bench/server/OutboxCodes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/inotify.h>
#include <system_error>
#include <unistd.h>

namespace dcc::bench {

namespace {

std::string lowered(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool isCodeLine(const std::string& line)
{
    return line.size() == 6 && std::all_of(line.begin(), line.end(),
                                           [](unsigned char c) { return std::isdigit(c) != 0; });
}

} // namespace

OutboxCodes::OutboxCodes(std::filesystem::path outbox)
    : m_outbox(std::move(outbox))
{
    std::filesystem::create_directories(m_outbox);
    m_inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (m_inotify < 0 || pipe(m_stopPipe) != 0)
        throw std::system_error(errno, std::generic_category(), "inotify");
    if (inotify_add_watch(m_inotify, m_outbox.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0)
        throw std::system_error(errno, std::generic_category(), "inotify_add_watch");
    // Mails already there (from before the watch) are read once at the start.
    for (const auto& entry : std::filesystem::directory_iterator(m_outbox)) {
        if (entry.path().extension() == ".eml")
            readMail(entry.path());
    }
    m_thread = std::thread([this] { follow(); });
}

OutboxCodes::~OutboxCodes()
{
    const char stop = 'x';
    [[maybe_unused]] const auto written = write(m_stopPipe[1], &stop, 1);
    if (m_thread.joinable())
        m_thread.join();
    close(m_inotify);
    close(m_stopPipe[0]);
    close(m_stopPipe[1]);
}

void OutboxCodes::follow()
{
    alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
    for (;;) {
        std::array<pollfd, 2> fds{pollfd{m_inotify, POLLIN, 0}, pollfd{m_stopPipe[0], POLLIN, 0}};
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        if (fds[1].revents != 0)
            return;
        const ssize_t length = read(m_inotify, buffer.data(), buffer.size());
        if (length <= 0)
            continue;
        for (ssize_t offset = 0; offset < length;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + offset);
            if (event->len > 0) {
                const std::filesystem::path name(event->name);
                if (name.extension() == ".eml")
                    readMail(m_outbox / name);
            }
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
}

void OutboxCodes::readMail(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return; // read and removed already (the start-up scan raced the watch)
    std::string line;
    std::string recipient;
    std::string code;
    bool inBody = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!inBody) {
            if (line.empty()) {
                inBody = true;
            } else if (lowered(line.substr(0, 3)) == "to:") {
                const auto open = line.find('<');
                const auto close = line.find('>', open);
                recipient = open != std::string::npos && close != std::string::npos
                                ? line.substr(open + 1, close - open - 1)
                                : line.substr(3);
                recipient.erase(0, recipient.find_first_not_of(' '));
            }
        } else if (isCodeLine(line)) {
            code = line;
            break;
        }
    }
    in.close();
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    const std::lock_guard lock(m_mutex);
    if (recipient.empty() || code.empty()) {
        ++m_unreadable;
        return;
    }
    m_codes.emplace(lowered(recipient), code);
    m_arrived.notify_all();
}

std::optional<std::string> OutboxCodes::take(const std::string& address,
                                             std::chrono::milliseconds timeout)
{
    const std::string key = lowered(address);
    std::unique_lock lock(m_mutex);
    if (!m_arrived.wait_for(lock, timeout, [&] { return m_codes.contains(key); }))
        return std::nullopt;
    const auto found = m_codes.find(key);
    std::string code = found->second;
    m_codes.erase(found);
    return code;
}

std::size_t OutboxCodes::unreadable() const
{
    const std::lock_guard lock(m_mutex);
    return m_unreadable;
}

} // namespace dcc::bench
