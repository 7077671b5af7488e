#include "tests/support/TestPki.h"

#include "tests/support/TestPaths.h"

#include <QFile>

#include <stdexcept>

namespace dcc::test {

QString TestPki::path(const QString& fileName)
{
    return QStringLiteral(DCC_TEST_PKI_DIR "/") + fileName;
}

Bytes TestPki::bytes(const QString& fileName)
{
    QFile file(path(fileName));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read test PKI file " + file.fileName().toStdString());
    const QByteArray data = file.readAll();
    return Bytes(data.begin(), data.end());
}

} // namespace dcc::test
