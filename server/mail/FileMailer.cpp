#include "server/mail/FileMailer.h"

#include "server/mail/MailUnavailable.h"
#include "server/mail/MimeMessage.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

namespace dcc::server {

namespace {

namespace fs = std::filesystem;

struct FileCloser
{
    void operator()(std::FILE* file) const { std::fclose(file); }
};

[[noreturn]] void unavailable(const fs::path& outbox, const std::string& cause)
{
    throw MailUnavailable("cannot write the mail into the outbox " + outbox.string() + ": " +
                          cause);
}

void makeOutbox(const fs::path& outbox)
{
    std::error_code error;
    if (fs::is_directory(outbox, error))
        return;
    if (!fs::create_directories(outbox, error) && error)
        unavailable(outbox, error.message());
    fs::permissions(outbox, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error)
        unavailable(outbox, error.message());
}

// Writes the whole text under a name nobody else uses; on failure the file is removed and
// MailUnavailable names the cause.
void writeFile(const fs::path& path, const std::string& text, const fs::path& outbox)
{
    // "x": never write over a file that is already there.
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wbx"));
    if (!file)
        unavailable(outbox, std::strerror(errno));
    const auto discard = [&](const std::string& cause) {
        file.reset();
        std::error_code ignored;
        fs::remove(path, ignored);
        unavailable(outbox, cause);
    };
    // Owner only before a byte is written, whatever the umask and the outbox's own mode.
    std::error_code error;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    error);
    if (error)
        discard(error.message());
    if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
        std::fflush(file.get()) != 0)
        discard(std::strerror(errno));
    if (std::fclose(file.release()) != 0)
        discard(std::strerror(errno));
}

} // namespace

FileMailer::FileMailer(std::filesystem::path outbox, MailIdentity from)
    : m_outbox(std::move(outbox))
    , m_from(std::move(from))
{
    MimeMessage::checkSender(m_from);
}

void FileMailer::send(const OutgoingMail& mail)
{
    const MimeMessage message = MimeMessage::forSending(mail, m_from);
    makeOutbox(m_outbox);

    const std::string name = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%dT%H%M%SZ") +
                             "-" + MimeMessage::randomHex(8);
    const fs::path temporary = m_outbox / ("." + name + ".tmp");
    const fs::path target = m_outbox / (name + ".eml");
    writeFile(temporary, message.text(), m_outbox);

    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        unavailable(m_outbox, error.message());
    }
}

} // namespace dcc::server
