#pragma once

#include <QByteArray>

namespace dcc::card {

/// ECDSA signature encodings. PKCS#11's CKM_ECDSA returns r || s (each half the size of the
/// curve order); the login sends the DER ECDSA-Sig-Value, SEQUENCE { INTEGER r, INTEGER s },
/// that X.509 and most verifiers use.
class EcdsaSignature
{
public:
    /// r || s → DER. Empty when `raw` is empty or of odd size.
    static QByteArray rawToDer(const QByteArray& raw);
    /// DER → r || s with each half left-padded to `componentSize` bytes. Empty when `der` is
    /// not a strict DER ECDSA-Sig-Value (minimal lengths and integers, nothing after it), a
    /// component is negative, or a component does not fit `componentSize`.
    static QByteArray derToRaw(const QByteArray& der, qsizetype componentSize);
};

} // namespace dcc::card
