#include "client/card/pcsc/PcscContext.h"

#include "client/card/pcsc/ScardCall.h"

#include <algorithm>

namespace dcc::card {

static_assert(ReaderState::Changed == SCARD_STATE_CHANGED);
static_assert(ReaderState::Unknown == SCARD_STATE_UNKNOWN);
static_assert(ReaderState::Unavailable == SCARD_STATE_UNAVAILABLE);
static_assert(ReaderState::Empty == SCARD_STATE_EMPTY);
static_assert(ReaderState::Present == SCARD_STATE_PRESENT);
static_assert(ReaderState::Mute == SCARD_STATE_MUTE);
static_assert(ReaderState::Unpowered == SCARD_STATE_UNPOWERED);

namespace {

SCARDCONTEXT nativeHandle(std::int64_t handle)
{
    return static_cast<SCARDCONTEXT>(handle);
}

} // namespace

PcscContext::PcscContext()
{
    SCARDCONTEXT context = 0;
    SCARD_CALL(SCardEstablishContext, DWORD{SCARD_SCOPE_USER}, nullptr, nullptr, &context);
    m_handle = static_cast<std::int64_t>(context);
}

PcscContext::~PcscContext()
{
    // A failure here (service already gone) leaves nothing to clean up.
    SCARD_TRY(SCardReleaseContext, nativeHandle(m_handle));
}

QStringList PcscContext::listReaders() const
{
    // Size then contents: the list may grow in between (a reader plugged in), hence the
    // retry on an insufficient buffer.
    for (int attempt = 0; attempt < 3; ++attempt) {
        DWORD size = 0;
        try {
            SCARD_CALL(SCardListReaders, nativeHandle(m_handle), nullptr, nullptr, &size);
        } catch (const CardException& e) {
            if (e.error().code() == CardError::Code::NoReaders)
                return {};
            throw;
        }
        QByteArray buffer(static_cast<qsizetype>(size), '\0');
        try {
            SCARD_CALL(SCardListReaders, nativeHandle(m_handle), nullptr, buffer.data(), &size);
        } catch (const CardException& e) {
            if (e.error().code() == CardError::Code::NoReaders)
                return {};
            if (e.error().nativeCode() == static_cast<quint32>(SCARD_E_INSUFFICIENT_BUFFER))
                continue;
            throw;
        }
        // A multi-string: names separated by NULs, ended by an empty name.
        QStringList readers;
        for (const QByteArray& name : buffer.left(static_cast<qsizetype>(size)).split('\0')) {
            if (!name.isEmpty())
                readers << QString::fromUtf8(name);
        }
        return readers;
    }
    throw CardException(PcscErrors::fromReturnCode(
        static_cast<quint32>(SCARD_E_INSUFFICIENT_BUFFER), QStringLiteral("SCardListReaders")));
}

PcscContext::WaitResult PcscContext::getStatusChange(std::vector<ReaderState>& states,
                                                     int timeoutMs) const
{
    std::vector<QByteArray> names;
    std::vector<SCARD_READERSTATE> entries;
    names.reserve(states.size());
    entries.reserve(states.size());
    for (const ReaderState& state : states) {
        names.push_back(state.name.toUtf8());
        SCARD_READERSTATE entry{};
        entry.szReader = names.back().constData();
        entry.dwCurrentState = state.currentState;
        entries.push_back(entry);
    }

    const DWORD timeout = timeoutMs < 0 ? INFINITE : static_cast<DWORD>(timeoutMs);
    try {
        SCARD_CALL(SCardGetStatusChange, nativeHandle(m_handle), timeout, entries.data(),
                   static_cast<DWORD>(entries.size()));
    } catch (const CardException& e) {
        switch (e.error().code()) {
        case CardError::Code::Timeout:
            return WaitResult::TimedOut;
        case CardError::Code::Cancelled:
            return WaitResult::Cancelled;
        default:
            throw;
        }
    }

    for (std::size_t i = 0; i < states.size(); ++i) {
        states[i].eventState = static_cast<quint32>(entries[i].dwEventState);
        const auto atrLength = std::min<DWORD>(entries[i].cbAtr, sizeof entries[i].rgbAtr);
        states[i].atr = QByteArray(reinterpret_cast<const char*>(entries[i].rgbAtr),
                                   static_cast<qsizetype>(atrLength));
    }
    return WaitResult::Changed;
}

void PcscContext::cancel() const noexcept
{
    SCARD_TRY(SCardCancel, nativeHandle(m_handle));
}

bool PcscContext::isValid() const noexcept
{
    return !SCARD_TRY(SCardIsValidContext, nativeHandle(m_handle));
}

} // namespace dcc::card
