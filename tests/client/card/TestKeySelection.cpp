// The choice of the login key: CPS_PRIV_AUT, or the key whose certificate has
// digitalSignature and not nonRepudiation; never the signature key.

#include "client/card/pkcs11/KeySelection.h"

#include <QtTest>

using dcc::card::KeySelection;
using Certificate = KeySelection::Certificate;
using Key = KeySelection::Key;

namespace {

dcc::KeyUsage authenticationUsage()
{
    dcc::KeyUsage usage;
    usage.declared = true;
    usage.digitalSignature = true;
    usage.keyEncipherment = true;
    return usage;
}

dcc::KeyUsage signatureUsage()
{
    dcc::KeyUsage usage;
    usage.declared = true;
    usage.nonRepudiation = true;
    return usage;
}

Certificate certificate(const char* id, const char* label, dcc::KeyUsage usage)
{
    return Certificate{QByteArray::fromHex(id), QString::fromUtf8(label), true, usage};
}

const Certificate kCpsAuth =
    certificate("01", "Certificat d'Authentification CPS", authenticationUsage());
const Certificate kCpsSign = certificate("02", "Certificat de Signature CPS", signatureUsage());

} // namespace

class TestKeySelection : public QObject
{
    Q_OBJECT

private slots:
    // Before login, Cryptolib and SoftHSM show certificates only.
    void certificatesAloneDecide()
    {
        QCOMPARE(KeySelection::chooseCertificate({kCpsSign, kCpsAuth}, {}), qsizetype{1});
        QCOMPARE(KeySelection::chooseCertificate({kCpsAuth, kCpsSign}, {}), qsizetype{0});
    }

    void theAuthenticationLabelDecides()
    {
        // Both certificates say "login" (an odd token): the key label settles it.
        const Certificate other = certificate("03", "Autre", authenticationUsage());
        const QList<Key> keys{{QByteArray::fromHex("03"), "Autre clé"},
                              {QByteArray::fromHex("01"), "CPS_PRIV_AUT"}};
        QCOMPARE(KeySelection::chooseCertificate({other, kCpsAuth}, keys), qsizetype{1});
    }

    void aMislabelledSignatureKeyIsNotUsed()
    {
        // CPS_PRIV_AUT on the key of a nonRepudiation certificate: refused, and the real
        // authentication certificate wins.
        const QList<Key> keys{{QByteArray::fromHex("02"), "CPS_PRIV_AUT"},
                              {QByteArray::fromHex("01"), "Login"}};
        QCOMPARE(KeySelection::chooseCertificate({kCpsSign, kCpsAuth}, keys), qsizetype{1});
        QCOMPARE(KeySelection::chooseCertificate({kCpsSign}, keys), std::nullopt);
    }

    void neverTheSignatureKey()
    {
        QCOMPARE(KeySelection::chooseCertificate({kCpsSign}, {}), std::nullopt);
        const QList<Key> keys{{QByteArray::fromHex("02"), "CPS_PRIV_SIG"}};
        QCOMPARE(KeySelection::chooseCertificate({kCpsSign}, keys), std::nullopt);
        // A login certificate whose only key is labelled as the signature key.
        const QList<Key> wrongKey{{QByteArray::fromHex("01"), "CPS_PRIV_SIG"}};
        QCOMPARE(KeySelection::chooseCertificate({kCpsAuth}, wrongKey), std::nullopt);
    }

    void visibleKeysMustMatch()
    {
        // Keys are visible, and none goes with the login certificate.
        const QList<Key> keys{{QByteArray::fromHex("09"), "Something"}};
        QCOMPARE(KeySelection::chooseCertificate({kCpsAuth}, keys), std::nullopt);
    }

    void certificatesWithoutUsageOrUnreadable()
    {
        Certificate undeclared = certificate("05", "No usage", dcc::KeyUsage{});
        QCOMPARE(KeySelection::chooseCertificate({undeclared}, {}), std::nullopt);
        Certificate garbage = kCpsAuth;
        garbage.decodable = false;
        QCOMPARE(KeySelection::chooseCertificate({garbage}, {}), std::nullopt);
        // The label alone is not enough when the certificate cannot be read.
        QCOMPARE(KeySelection::chooseCertificate({garbage},
                                                 {{QByteArray::fromHex("01"), "CPS_PRIV_AUT"}}),
                 std::nullopt);
    }

    void chooseKey()
    {
        const QByteArray id = QByteArray::fromHex("01");
        QCOMPARE(KeySelection::chooseKey({{id, "CPS_PRIV_SIG"}, {id, "CPS_PRIV_AUT"}}),
                 qsizetype{1});
        QCOMPARE(KeySelection::chooseKey({{id, "Login key"}}), qsizetype{0});
        QCOMPARE(KeySelection::chooseKey({{id, "CPS_PRIV_SIG"}}), std::nullopt);
        QCOMPARE(KeySelection::chooseKey({}), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestKeySelection)
#include "TestKeySelection.moc"
