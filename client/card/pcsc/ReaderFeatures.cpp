#include "client/card/pcsc/ReaderFeatures.h"

#include "client/card/pcsc/ScardCall.h"

#if __has_include(<reader.h>)
#include <reader.h>
#endif

#include <array>

namespace dcc::card {

namespace {

// PC/SC part 10 feature tags (the same on every platform; reader.h is pcsc-lite's only).
constexpr unsigned char kFeatureVerifyPinStart = 0x01;
constexpr unsigned char kFeatureVerifyPinDirect = 0x06;

#ifdef CM_IOCTL_GET_FEATURE_REQUEST
constexpr DWORD kGetFeatureRequest = CM_IOCTL_GET_FEATURE_REQUEST;
#else
// SCARD_CTL_CODE(3400) as Windows computes it.
constexpr DWORD kGetFeatureRequest = (0x31 << 16) | (3400 << 2);
#endif

} // namespace

ReaderFeatures ReaderFeatures::query(const QString& reader)
{
    ReaderFeatures features;
    SCARDCONTEXT context = 0;
    if (const auto error =
            SCARD_TRY(SCardEstablishContext, DWORD{SCARD_SCOPE_USER}, nullptr, nullptr, &context)) {
        features.problem = error->description();
        return features;
    }
    const QByteArray name = reader.toUtf8();
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    // Direct mode: talks to the reader itself, with or without a card, without taking the
    // card away from anyone else.
    if (const auto error = SCARD_TRY(SCardConnect, context, name.constData(),
                                     DWORD{SCARD_SHARE_DIRECT}, DWORD{0}, &card, &protocol)) {
        features.problem = error->description();
        SCARD_TRY(SCardReleaseContext, context);
        return features;
    }
    std::array<unsigned char, 256> answer{};
    DWORD length = 0;
    const auto error = SCARD_TRY(SCardControl, card, kGetFeatureRequest, nullptr, DWORD{0},
                                 answer.data(), static_cast<DWORD>(answer.size()), &length);
    if (error) {
        features.problem = error->description();
    } else {
        features.reported = true;
        // TLV entries: tag, length 4, control code (big-endian).
        for (std::size_t i = 0, end = length; i + 1 < end && i + 2 + answer[i + 1] <= end;
             i += 2 + std::size_t{answer[i + 1]}) {
            if (answer[i] == kFeatureVerifyPinDirect || answer[i] == kFeatureVerifyPinStart)
                features.pinPadVerify = true;
        }
    }
    SCARD_TRY(SCardDisconnect, card, DWORD{SCARD_LEAVE_CARD});
    SCARD_TRY(SCardReleaseContext, context);
    return features;
}

} // namespace dcc::card
