#include "tests/support/cac/VirtualCacCard.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcessEnvironment>

#include <algorithm>
#include <stdexcept>

namespace dcc::test {

namespace {

// card.env of make-cac-card.sh: KEY=VALUE lines, values unquoted (they may hold spaces).
QString cardSetting(const QByteArray& key)
{
    QFile env(QStringLiteral(DCC_TEST_CAC_DIR "/card.env"));
    if (!env.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing " + env.fileName().toStdString() +
                                 " (the cac_card fixture makes it)");
    for (const QByteArray& line : env.readAll().split('\n')) {
        if (line.startsWith(key + '='))
            return QString::fromUtf8(line.mid(key.size() + 1));
    }
    throw std::runtime_error("no " + key.toStdString() + " in card.env");
}

} // namespace

VirtualCacCard::VirtualCacCard(quint16 port)
    : m_port(port)
{}

VirtualCacCard::~VirtualCacCard()
{
    remove();
}

QByteArray VirtualCacCard::atr()
{
    return QByteArray::fromHex("3B890056434152445F4E5353");
}

QByteArray VirtualCacCard::pin()
{
    return cardSetting("PIN").toUtf8();
}

void VirtualCacCard::insert()
{
    start({});
}

void VirtualCacCard::insertUntilInstruction(quint8 instruction)
{
    start({QStringLiteral("--drop-on-ins"),
           QStringLiteral("%1").arg(instruction, 2, 16, QLatin1Char('0'))});
}

void VirtualCacCard::start(const QStringList& extraArguments)
{
    if (isInserted())
        return;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SOFTHSM2_CONF"), cardSetting("SOFTHSM2_CONF"));
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_output.clear();
    m_process.start(QStringLiteral(DCC_TEST_CAC_BRIDGE),
                    QStringList{QStringLiteral("--db"), cardSetting("NSS_DB"),
                                QStringLiteral("--reader"), cardSetting("SLOT_NAME"),
                                QStringLiteral("--port"), QString::number(m_port)} +
                        extraArguments);
    // The bridge prints "ready" once connected to vpcd; a start-up failure ends it.
    const QDeadlineTimer deadline(15000);
    while (!m_output.contains("ready\n")) {
        const bool gone = !m_process.waitForReadyRead(
                              static_cast<int>(std::min<qint64>(deadline.remainingTime(), 200))) &&
                          m_process.state() == QProcess::NotRunning;
        m_output += m_process.readAll();
        if (m_output.contains("ready\n"))
            break;
        if (gone || deadline.hasExpired()) {
            const QString why = output();
            remove();
            throw std::runtime_error("dcc-virtual-cac did not connect to vpcd: " +
                                     why.toStdString());
        }
    }
}

void VirtualCacCard::remove()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool VirtualCacCard::waitUntilGone(int timeoutMs)
{
    return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
}

bool VirtualCacCard::isInserted() const
{
    return m_process.state() != QProcess::NotRunning;
}

QString VirtualCacCard::output()
{
    m_output += m_process.readAll();
    return QString::fromUtf8(m_output);
}

} // namespace dcc::test
