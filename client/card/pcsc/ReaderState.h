#pragma once

#include <QByteArray>
#include <QString>

namespace dcc::card {

/// One entry of a PC/SC status-change wait, without the PC/SC types: what the caller
/// believes (currentState) and what PC/SC reported (eventState). Both hold SCARD_STATE_*
/// flags in the low 16 bits and a counter in the high 16 bits: card insertions and removals
/// for a reader, the number of readers for the PnP notification entry.
struct ReaderState
{
    /// The SCARD_STATE_* values, the same on every PC/SC implementation (checked against
    /// the platform header in PcscContext.cpp).
    enum Flag : quint32
    {
        Unaware = 0x0000,
        Ignore = 0x0001,
        Changed = 0x0002,
        Unknown = 0x0004,
        Unavailable = 0x0008,
        Empty = 0x0010,
        Present = 0x0020,
        AtrMatch = 0x0040,
        Exclusive = 0x0080,
        InUse = 0x0100,
        Mute = 0x0200,
        Unpowered = 0x0400,
    };

    QString name;
    quint32 currentState = Unaware;
    quint32 eventState = Unaware;
    QByteArray atr;

    [[nodiscard]] bool changed() const noexcept { return (eventState & Changed) != 0; }
    [[nodiscard]] bool cardPresent() const noexcept { return (eventState & Present) != 0; }
    /// The reader vanished while we were waiting on it.
    [[nodiscard]] bool readerGone() const noexcept
    {
        return (eventState & (Unknown | Unavailable)) != 0;
    }
    [[nodiscard]] quint16 eventCount() const noexcept
    {
        return static_cast<quint16>(eventState >> 16);
    }
    /// Makes the reported state the believed one, so that the next wait blocks until the
    /// next change.
    void acknowledge() noexcept { currentState = eventState & ~quint32{Changed}; }
};

} // namespace dcc::card
