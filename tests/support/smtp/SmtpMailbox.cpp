#include "tests/support/smtp/SmtpMailbox.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace dcc::test {

namespace {

// Maildir keeps new mails in new/ until a reader moves them to cur/.
const QStringList kFolders{QStringLiteral("new"), QStringLiteral("cur")};

ReceivedMail readMail(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return ReceivedMail::parse(file.readAll(), path);
}

bool isFor(const ReceivedMail& mail, const QString& address)
{
    // aiosmtpd records the envelope recipients in X-RcptTo; an .eml has only To.
    const QString recipients =
        mail.header("X-RcptTo").isNull() ? mail.header("To") : mail.header("X-RcptTo");
    for (QString recipient : recipients.split(QLatin1Char(','))) {
        recipient = recipient.trimmed();
        const qsizetype open = recipient.lastIndexOf(QLatin1Char('<'));
        if (open >= 0)
            recipient = recipient.mid(open + 1).chopped(1);
        if (recipient.compare(address, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

SmtpMailbox::SmtpMailbox(const QString& directory)
{
    QFile env(directory + QStringLiteral("/smtp.env"));
    if (!env.open(QIODevice::ReadOnly | QIODevice::Text))
        throw std::runtime_error("no test SMTP server: cannot read " +
                                 env.fileName().toStdString() +
                                 " (is the CTest fixture smtp / smtp_tls set up?)");
    while (!env.atEnd()) {
        const QString line = QString::fromUtf8(env.readLine()).trimmed();
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue;
        const QString key = line.left(equals);
        const QString value = line.mid(equals + 1);
        if (key == QLatin1String("SMTP_HOST"))
            m_host = value;
        else if (key == QLatin1String("SMTP_PORT"))
            m_port = value.toUShort();
        else if (key == QLatin1String("SMTP_MAILDIR"))
            m_maildir = value;
        else if (key == QLatin1String("SMTP_USER"))
            m_user = value;
        else if (key == QLatin1String("SMTP_PASSWORD"))
            m_password = value;
    }
    if (m_host.isEmpty() || m_port == 0 || m_maildir.isEmpty())
        throw std::runtime_error("incomplete " + env.fileName().toStdString());
    for (const QString& folder : kFolders) {
        const QDir dir(m_maildir + QLatin1Char('/') + folder);
        for (const QString& name : dir.entryList(QDir::Files))
            m_before.insert(dir.filePath(name));
    }
}

QStringList SmtpMailbox::arrivedFiles() const
{
    QList<QFileInfo> files;
    for (const QString& folder : kFolders) {
        const QDir dir(m_maildir + QLatin1Char('/') + folder);
        for (const QFileInfo& info : dir.entryInfoList(QDir::Files)) {
            if (!m_before.contains(info.filePath()))
                files.append(info);
        }
    }
    std::sort(files.begin(), files.end(), [](const QFileInfo& a, const QFileInfo& b) {
        const qint64 aTime = a.lastModified().toMSecsSinceEpoch();
        const qint64 bTime = b.lastModified().toMSecsSinceEpoch();
        return aTime != bTime ? aTime < bTime : a.fileName() < b.fileName();
    });
    QStringList paths;
    for (const QFileInfo& info : files)
        paths.append(info.filePath());
    return paths;
}

QList<ReceivedMail> SmtpMailbox::received() const
{
    QList<ReceivedMail> mails;
    for (const QString& path : arrivedFiles())
        mails.append(readMail(path));
    return mails;
}

ReceivedMail SmtpMailbox::waitForMail(const QString& toAddress, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QFileSystemWatcher watcher({m_maildir + QStringLiteral("/new")});
    while (true) {
        const QStringList files = arrivedFiles();
        for (auto path = files.crbegin(); path != files.crend(); ++path) {
            const ReceivedMail mail = readMail(*path);
            if (isFor(mail, toAddress))
                return mail;
        }
        if (deadline.hasExpired())
            return {};
        // Wakes on the watcher's event, or every 50 ms in case an event is missed, and never
        // past the deadline.
        QEventLoop loop;
        QObject::connect(&watcher, &QFileSystemWatcher::directoryChanged, &loop, &QEventLoop::quit);
        const qint64 wait = std::clamp<qint64>(deadline.remainingTime(), 1, 50);
        QTimer::singleShot(std::chrono::milliseconds(wait), &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace dcc::test
