#include "tests/support/pcsc/ViccCard.h"

#include <QProcessEnvironment>

#include <stdexcept>

namespace dcc::test {

ViccCard::ViccCard(quint16 port)
    : m_port(port)
{}

ViccCard::~ViccCard()
{
    remove();
}

QByteArray ViccCard::atr()
{
    return QByteArray::fromHex("3B951381018073FF01000B");
}

void ViccCard::insert()
{
    if (isInserted())
        return;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(DCC_TEST_VICC_PYTHONPATH));
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(QStringLiteral(DCC_TEST_PCSCD_DIR "/vicc.log"),
                                    QIODevice::Append);
    m_process.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral("/usr/bin/vicc"), QStringLiteral("--type"),
                     QStringLiteral("iso7816"), QStringLiteral("--port"), QString::number(m_port)});
    if (!m_process.waitForStarted(10000))
        throw std::runtime_error("vicc did not start: " + m_process.errorString().toStdString());
}

void ViccCard::remove()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ViccCard::isInserted() const
{
    return m_process.state() != QProcess::NotRunning;
}

} // namespace dcc::test
