#include "CardTestTokens.h"

#include "tests/support/TestPaths.h"
#include "tests/support/TestPki.h"
#include "tests/support/softhsm/PrivateTokenCopy.h"

#include <QFile>

#include <stdexcept>

namespace dcc::test {

namespace {

// token.env files: KEY=VALUE lines, unquoted values (make-cps-token.sh, make-plain-token.sh).
CardTestToken read(const QString& directory, const QByteArray& labelKey, const QByteArray& pinKey)
{
    QFile env(directory + QStringLiteral("/token.env"));
    if (!env.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing " + env.fileName().toStdString() +
                                 " (a CTest fixture makes it)");
    CardTestToken token;
    token.directory = directory;
    token.softHsmConf = PrivateTokenCopy::forProcess(directory).softHsmConf();
    for (const QByteArray& line : env.readAll().split('\n')) {
        const auto eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = line.left(eq);
        const QByteArray value = line.mid(eq + 1);
        if (key == labelKey)
            token.label = QString::fromUtf8(value);
        else if (key == pinKey)
            token.pin = value;
    }
    return token;
}

} // namespace

CardTestToken CardTestToken::cps()
{
    return read(QStringLiteral(DCC_TEST_TOKEN_DIR), "CPS_TOKEN_LABEL", "CPS_PIN");
}

CardTestToken CardTestToken::cpsEc()
{
    return read(QStringLiteral(DCC_TEST_EC_TOKEN_DIR), "CPS_TOKEN_LABEL", "CPS_PIN");
}

CardTestToken CardTestToken::plain()
{
    return read(QStringLiteral(DCC_TEST_PLAIN_TOKEN_DIR), "TOKEN_LABEL", "PIN");
}

CardTestToken CardTestToken::signatureOnly()
{
    return read(QStringLiteral(DCC_TEST_SIGNONLY_TOKEN_DIR), "TOKEN_LABEL", "PIN");
}

void CardTestToken::select() const
{
    qputenv("SOFTHSM2_CONF", softHsmConf.toUtf8());
}

QByteArray pkiFile(const QString& name)
{
    return toQByteArray(TestPki::bytes(name));
}

QByteArray toQByteArray(const dcc::Bytes& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
}

dcc::Bytes toBytes(const QByteArray& bytes)
{
    return dcc::Bytes(bytes.cbegin(), bytes.cend());
}

} // namespace dcc::test
