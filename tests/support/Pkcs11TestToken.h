#pragma once

#include "common/Bytes.h"

#include <QLibrary>
#include <QString>

#include <memory>

namespace dcc::test {

/// The SoftHSM token made by make-cps-token.sh, driven through plain PKCS#11 so that
/// tests can make signatures exactly as a CPS card does (CKM_RSA_PKCS over a DigestInfo).
/// Deliberately small and independent of the client's card layer, so that the two can
/// check each other. Every failure throws std::runtime_error naming the PKCS#11 call.
class Pkcs11TestToken
{
public:
    /// Mechanisms by their PKCS#11 values, so that callers need no pkcs11.h.
    static constexpr unsigned long kRsaPkcs = 0x00000001UL;    // CKM_RSA_PKCS
    static constexpr unsigned long kEcdsa = 0x00001041UL;      // CKM_ECDSA
    static constexpr unsigned long kRsaPkcsPss = 0x0000000DUL; // CKM_RSA_PKCS_PSS

    /// `tokenDir` holds token.env; this process's copy of the token (PrivateTokenCopy) is
    /// selected before the module loads.
    explicit Pkcs11TestToken(const QString& tokenDir);
    ~Pkcs11TestToken();
    Pkcs11TestToken(const Pkcs11TestToken&) = delete;
    Pkcs11TestToken& operator=(const Pkcs11TestToken&) = delete;

    [[nodiscard]] QString tokenLabel() const { return m_tokenLabel; }
    [[nodiscard]] QByteArray pin() const { return m_pin; }

    /// Logs in with `pin`, signs `data` with the private key labelled `keyLabel`, logs out.
    Bytes sign(const QByteArray& keyLabel, unsigned long mechanism, const Bytes& data,
               const QByteArray& pin);
    /// CKA_VALUE of the certificate with this CKA_ID (readable without login).
    Bytes certificate(std::uint8_t id);

private:
    struct Module;
    std::unique_ptr<Module> m_module;
    QString m_tokenLabel;
    QByteArray m_pin;
};

} // namespace dcc::test
