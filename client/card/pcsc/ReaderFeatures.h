#pragma once

#include <QString>

namespace dcc::card {

/// What a PC/SC reader says about itself through the PC/SC part 10 feature request
/// (SCardControl with CM_IOCTL_GET_FEATURE_REQUEST): whether it verifies the PIN on its own
/// keypad. Asked by the diagnostics only; the login itself learns about PIN pads from the
/// PKCS#11 token flags.
class ReaderFeatures
{
public:
    /// False when the reader did not answer the feature request (many drivers do not);
    /// then pinPadVerify says nothing.
    bool reported = false;
    /// FEATURE_VERIFY_PIN_DIRECT or FEATURE_VERIFY_PIN_START: a PIN-pad reader.
    bool pinPadVerify = false;
    /// Why the reader could not be asked (English, for the report); empty when it was.
    QString problem;

    /// Connects to `reader` in direct mode (no card needed) with its own PC/SC context.
    /// Never throws.
    static ReaderFeatures query(const QString& reader);
};

} // namespace dcc::card
