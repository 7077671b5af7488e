#pragma once

#include "common/Bytes.h"

#include <QString>

namespace dcc::test {

/// Files of the generated test PKI (tests/support/pki/make-test-pki.sh): "dupont-auth.der",
/// "trust-store.pem", "personnes-ca.crl.pem", …
class TestPki
{
public:
    static QString path(const QString& fileName);
    /// The file's bytes; throws std::runtime_error naming the file when it cannot be read.
    static Bytes bytes(const QString& fileName);
};

} // namespace dcc::test
