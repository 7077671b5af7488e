#include "tests/client/diagnostics/PrivateCpsToken.h"

#include "tests/client/card/CardTestTokens.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <stdexcept>

namespace dcc::test {

PrivateCpsToken::PrivateCpsToken()
{
    const QString source = CardTestToken::cps().directory + QStringLiteral("/tokens");
    const QString target = m_dir.filePath(QStringLiteral("tokens"));
    QDirIterator files(source, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString copy = target + QLatin1Char('/') + QDir(source).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(file, copy))
            throw std::runtime_error("cannot copy the CPS token file " + file.toStdString());
    }
    QFile conf(softHsmConf());
    if (!conf.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write " + conf.fileName().toStdString());
    conf.write(QStringLiteral("directories.tokendir = %1\nobjectstore.backend = file\n"
                              "log.level = ERROR\nslots.removable = false\n")
                   .arg(target)
                   .toUtf8());
}

void PrivateCpsToken::select() const
{
    qputenv("SOFTHSM2_CONF", softHsmConf().toUtf8());
}

QString PrivateCpsToken::softHsmConf() const
{
    return m_dir.filePath(QStringLiteral("softhsm2.conf"));
}

} // namespace dcc::test
