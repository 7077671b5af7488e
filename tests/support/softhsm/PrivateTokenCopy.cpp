#include "tests/support/softhsm/PrivateTokenCopy.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace dcc::test {

PrivateTokenCopy::PrivateTokenCopy(const QString& fixtureDir)
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot make a temporary directory for a token copy");
    const QString source = fixtureDir + QStringLiteral("/tokens");
    if (!QFileInfo(source).isDir())
        throw std::runtime_error("missing " + source.toStdString() + " (a CTest fixture makes it)");
    const QString target = m_dir.filePath(QStringLiteral("tokens"));
    if (!QDir().mkpath(target))
        throw std::runtime_error("cannot make " + target.toStdString());
    QDirIterator files(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString copy = target + QLatin1Char('/') + QDir(source).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(file, copy))
            throw std::runtime_error("cannot copy the token file " + file.toStdString());
    }
    QFile conf(softHsmConf());
    if (!conf.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write " + conf.fileName().toStdString());
    conf.write(QStringLiteral("directories.tokendir = %1\nobjectstore.backend = file\n"
                              "log.level = ERROR\nslots.removable = false\n")
                   .arg(target)
                   .toUtf8());
}

const PrivateTokenCopy& PrivateTokenCopy::forProcess(const QString& fixtureDir)
{
    static std::mutex mutex;
    static std::map<QString, std::unique_ptr<PrivateTokenCopy>> copies;
    const std::lock_guard lock(mutex);
    auto& copy = copies[QDir::cleanPath(fixtureDir)];
    if (!copy)
        copy = std::make_unique<PrivateTokenCopy>(fixtureDir);
    return *copy;
}

void PrivateTokenCopy::select() const
{
    qputenv("SOFTHSM2_CONF", softHsmConf().toUtf8());
}

QString PrivateTokenCopy::softHsmConf() const
{
    return m_dir.filePath(QStringLiteral("softhsm2.conf"));
}

} // namespace dcc::test
