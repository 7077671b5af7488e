#pragma once

#include "tests/support/pcsc/Pcscd.h"

#include <QByteArray>
#include <QProcess>

namespace dcc::test {

/// A vicc virtual ISO 7816 card (vsmartcard-vpicc) in a vpcd reader: running = inserted.
/// vicc runs with the system python3, the virtualsmartcard package's path and a directory
/// whose "Crypto" links to pycryptodome's Cryptodome (TESTING-STACK.md). Never point OpenSC
/// at this card: it probes it for ~14 s.
class ViccCard
{
public:
    explicit ViccCard(quint16 port = Pcscd::kReader0Port);
    /// remove()
    ~ViccCard();
    ViccCard(const ViccCard&) = delete;
    ViccCard& operator=(const ViccCard&) = delete;

    /// vicc's ATR: 3B 95 13 81 01 80 73 FF 01 00 0B.
    static QByteArray atr();

    /// Starts vicc; pcscd sees the card 0.2–0.5 s later (wait for it on the PC/SC side).
    /// Throws std::runtime_error when vicc cannot start or exits at once.
    void insert();
    /// Stops vicc and waits until it has exited (the card is then out on vpcd's side).
    void remove();
    [[nodiscard]] bool isInserted() const;

private:
    quint16 m_port;
    QProcess m_process;
};

} // namespace dcc::test
