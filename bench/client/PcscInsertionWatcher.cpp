#include "bench/client/PcscInsertionWatcher.h"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

namespace dcc::bench {

PcscInsertionWatcher::PcscInsertionWatcher(QString reader)
    : m_reader(std::move(reader))
    , m_thread([this] { watch(); })
{}

PcscInsertionWatcher::~PcscInsertionWatcher()
{
    m_stop = true;
    m_thread.join();
}

void PcscInsertionWatcher::arm()
{
    m_seen = false;
    m_armed = true;
}

PcscInsertionWatcher::TimePoint PcscInsertionWatcher::insertedAt() const
{
    const std::lock_guard lock(m_mutex);
    return m_insertedAt;
}

void PcscInsertionWatcher::watch()
{
    SCARDCONTEXT context = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context) != SCARD_S_SUCCESS)
        return;
    const QByteArray name = m_reader.toUtf8();
    SCARD_READERSTATE state{};
    state.szReader = name.constData();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    while (!m_stop) {
        // Short timeouts: the thread notices m_stop without SCardCancel.
        const LONG rc = SCardGetStatusChange(context, 100, &state, 1);
        if (rc == SCARD_S_SUCCESS) {
            const bool present = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
            const bool wasPresent = (state.dwCurrentState & SCARD_STATE_PRESENT) != 0;
            if (present && !wasPresent && m_armed) {
                {
                    const std::lock_guard lock(m_mutex);
                    m_insertedAt = std::chrono::steady_clock::now();
                }
                m_armed = false;
                m_seen = true;
            }
            state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
        } else if (rc != static_cast<LONG>(SCARD_E_TIMEOUT)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    SCardReleaseContext(context);
}

} // namespace dcc::bench
