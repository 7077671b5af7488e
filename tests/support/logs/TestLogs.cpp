#include "tests/support/logs/TestLogs.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUrl>

#include <atomic>
#include <mutex>
#include <unistd.h>

namespace dcc::test {

namespace {

std::mutex& fileMutex()
{
    static std::mutex mutex;
    return mutex;
}

/// Long enough to be told apart from ordinary text: the 6-digit codes as they are, random
/// tokens (43 characters) and the like from 16 characters, passwords from 8.
bool worthNoting(const char* kind, const QString& value)
{
    static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
    const QByteArray name(kind);
    if (name == "code")
        return sixDigits.match(value).hasMatch();
    if (name == "password")
        return value.size() >= 8;
    return value.size() >= 16;
}

const char* kindOfField(const QString& field)
{
    if (field == u"password" || field == u"confirm")
        return "password";
    if (field == u"code")
        return "code";
    if (field == u"token")
        return "reset-token";
    if (field == u"ticket")
        return "ticket";
    if (field == u"flow")
        return "flow";
    return nullptr;
}

void recordFields(const QString& text)
{
    // JSON string fields and form / query parameters; a quick look, not a parser: what it
    // misses is only less material for the check.
    static const QRegularExpression json(
        QStringLiteral("\"(password|confirm|code|token|ticket|flow)\"\\s*:\\s*\"([^\"]*)\""));
    static const QRegularExpression form(
        QStringLiteral("(?:^|[?&])(password|confirm|code|token|ticket|flow)=([^&#\\s\"]*)"));
    for (auto it = json.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        TestLogs::recordSecret(kindOfField(match.captured(1)), match.captured(2));
    }
    for (auto it = form.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const QString value =
            QUrl::fromPercentEncoding(match.captured(2).replace(u'+', u' ').toUtf8());
        TestLogs::recordSecret(kindOfField(match.captured(1)), value);
    }
}

} // namespace

QString TestLogs::directory()
{
    return qEnvironmentVariable("DCC_TEST_LOG_DIR");
}

void TestLogs::recordSecret(const char* kind, const QString& value)
{
    const QString folder = directory();
    if (folder.isEmpty() || kind == nullptr || !worthNoting(kind, value))
        return;
    const std::lock_guard lock(fileMutex());
    QDir().mkpath(folder);
    QFile file(QDir(folder).filePath(QStringLiteral("secrets-%1.tsv").arg(::getpid())));
    if (file.open(QIODevice::Append))
        file.write(QByteArray(kind) + '\t' + value.toUtf8() + '\n');
}

void TestLogs::recordExchange(const std::string& target, const std::string& requestBody,
                              const std::string& responseBody,
                              const std::vector<std::string>& setCookies)
{
    if (directory().isEmpty())
        return;
    recordFields(QString::fromStdString(target));
    recordFields(QString::fromStdString(requestBody));
    recordFields(QString::fromStdString(responseBody)); // flow, and the ticket of launch_url
    for (const std::string& cookie : setCookies) {
        const QString line = QString::fromStdString(cookie);
        const qsizetype equals = line.indexOf(u'=');
        const qsizetype end = line.indexOf(u';');
        if (equals > 0 && line.left(equals).contains(QStringLiteral("session")))
            recordSecret("session", line.mid(equals + 1, end < 0 ? -1 : end - equals - 1));
    }
}

void TestLogs::keepLog(const QString& path, const QString& prefix)
{
    const QString folder = directory();
    if (folder.isEmpty())
        return;
    static std::atomic<int> counter{0};
    QDir().mkpath(folder);
    const QString target = QDir(folder).filePath(
        QStringLiteral("%1-%2-%3.log").arg(prefix).arg(::getpid()).arg(++counter));
    QFile::remove(target);
    QFile::copy(path, target);
}

} // namespace dcc::test
