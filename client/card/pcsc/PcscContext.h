#pragma once

#include "client/card/pcsc/ReaderState.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace dcc::card {

/// An established PC/SC resource manager context (RAII): the wrapper over pcsc-lite /
/// WinSCard that the rest of the client uses, without any PC/SC header. Every call goes
/// through the SCARD_CALL chokepoint; failures throw CardException with a typed code
/// (ServiceNotRunning when pcscd is not there, …).
///
/// A context belongs to one thread, except cancel(), which is meant to be called from
/// another thread to end a blocking getStatusChange().
class PcscContext
{
public:
    /// The special reader name whose state changes when a reader is plugged or unplugged.
    static constexpr const char* kPnpNotification = "\\\\?PnP?\\Notification";

    /// SCardEstablishContext (user scope). Throws CardException.
    PcscContext();
    /// SCardReleaseContext; never throws.
    ~PcscContext();
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    /// The connected readers; empty (not an error) when there are none.
    [[nodiscard]] QStringList listReaders() const;

    enum class WaitResult
    {
        Changed,
        TimedOut,
        Cancelled, ///< by cancel()
    };
    /// SCardGetStatusChange: blocks until one of `states` differs from its currentState, or
    /// `timeoutMs` passes (negative: no timeout), or cancel() is called. Fills eventState
    /// and atr. Throws CardException for anything else (service gone, reader gone, …).
    WaitResult getStatusChange(std::vector<ReaderState>& states, int timeoutMs) const;

    /// SCardCancel: ends a getStatusChange() blocked in another thread. Never throws.
    void cancel() const noexcept;

    /// SCardIsValidContext: false once the service behind it went away.
    [[nodiscard]] bool isValid() const noexcept;

private:
    // SCARDCONTEXT is a LONG on pcsc-lite and macOS, a ULONG_PTR on Windows: kept as a
    // 64-bit integer so that the header needs no PC/SC type.
    std::int64_t m_handle = 0;
};

} // namespace dcc::card
