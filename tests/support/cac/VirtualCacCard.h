#pragma once

#include "tests/support/pcsc/Pcscd.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace dcc::test {

/// The virtual CAC card of the "cac_card" fixture in a vpcd reader: the dcc-virtual-cac
/// bridge (libcacard over Jean Dupont's keys on SoftHSM, through NSS) connected to vpcd.
/// Running = inserted. OpenSC's "cac" driver reads it, so that PC/SC, OpenSC's PKCS#11
/// module and the key meet on one card.
class VirtualCacCard
{
public:
    /// CAC "SIGN/DECRYPT" instruction, for removeDuring().
    static constexpr quint8 kSignInstruction = 0x42;

    explicit VirtualCacCard(quint16 port = Pcscd::kReader1Port);
    /// remove()
    ~VirtualCacCard();
    VirtualCacCard(const VirtualCacCard&) = delete;
    VirtualCacCard& operator=(const VirtualCacCard&) = delete;

    /// libcacard's ATR for NSS-backed cards: 3B 89 00 56 43 41 52 44 5F 4E 53 53 ("VCARD_NSS").
    static QByteArray atr();
    /// The card's PIN (the SoftHSM user PIN).
    static QByteArray pin();

    /// Starts the bridge and waits (with a deadline) until it is connected to vpcd. Throws
    /// std::runtime_error with the bridge's output when it fails.
    void insert();
    /// Like insert(), but the card disappears (the bridge leaves without answering) when
    /// the reader sends it a command with this instruction byte: a card pulled out in the
    /// middle of that command.
    void insertUntilInstruction(quint8 instruction);
    /// Stops the bridge and waits until it has exited.
    void remove();
    /// Waits (with a deadline) until the bridge has gone by itself (insertUntilInstruction).
    bool waitUntilGone(int timeoutMs);
    [[nodiscard]] bool isInserted() const;
    [[nodiscard]] QString output();

private:
    void start(const QStringList& extraArguments);

    quint16 m_port;
    QProcess m_process;
    QByteArray m_output;
};

} // namespace dcc::test
