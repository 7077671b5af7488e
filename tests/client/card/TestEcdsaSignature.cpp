// ES256 signatures go to the server DER-encoded (ECDSA-Sig-Value), converted from the r || s
// that PKCS#11's CKM_ECDSA returns.

#include "client/card/pkcs11/EcdsaSignature.h"

#include <QtTest>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>

using dcc::card::EcdsaSignature;

namespace {

// OpenSSL's own DER encoding of (r, s), as the reference.
QByteArray opensslDer(const QByteArray& raw)
{
    const auto half = static_cast<int>(raw.size() / 2);
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw.constData());
    ECDSA_SIG* signature = ECDSA_SIG_new();
    ECDSA_SIG_set0(signature, BN_bin2bn(bytes, half, nullptr),
                   BN_bin2bn(bytes + half, half, nullptr));
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(signature, &der);
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    ECDSA_SIG_free(signature);
    return out;
}

QByteArray component(char first, char fill)
{
    QByteArray value(32, fill);
    value[0] = first;
    return value;
}

} // namespace

class TestEcdsaSignature : public QObject
{
    Q_OBJECT

private slots:
    void rawToDer_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("plain") << component(0x12, 0x34) + component(0x56, 0x78);
        // A top bit set needs a leading zero byte (INTEGER is signed).
        QTest::newRow("high r") << component(char(0x80), 0x01) + component(0x11, 0x22);
        QTest::newRow("high r and s") << component(char(0xFF), 0x01) + component(char(0x90), 0x02);
        // Leading zero bytes go: DER integers are minimal.
        QTest::newRow("short r") << component(0x00, 0x7F) + component(0x33, 0x44);
        QTest::newRow("very short s")
            << component(0x12, 0x34) + QByteArray(31, 0) + QByteArray(1, 5);
        QTest::newRow("zero s") << component(0x12, 0x34) + QByteArray(32, 0);
        QTest::newRow("leading zero then high bit")
            << QByteArray(1, 0) + component(char(0x80), 0x01).left(31) + component(0x12, 0x34);
    }
    void rawToDer()
    {
        QFETCH(QByteArray, raw);
        const QByteArray der = EcdsaSignature::rawToDer(raw);
        QCOMPARE(der.toHex(), opensslDer(raw).toHex());
        QCOMPARE(EcdsaSignature::derToRaw(der, 32).toHex(), raw.toHex());
    }

    void refusesWhatIsNotASignature()
    {
        QVERIFY(EcdsaSignature::rawToDer({}).isEmpty());
        QVERIFY(EcdsaSignature::rawToDer(QByteArray(63, 1)).isEmpty());

        const QByteArray good =
            EcdsaSignature::rawToDer(component(0x12, 0x34) + component(0x56, 0x78));
        QVERIFY(EcdsaSignature::derToRaw(good + '\0', 32).isEmpty()); // trailing byte
        QVERIFY(EcdsaSignature::derToRaw(good.left(good.size() - 1), 32).isEmpty()); // cut
        QVERIFY(EcdsaSignature::derToRaw(good, 16).isEmpty()); // does not fit the curve
        QVERIFY(EcdsaSignature::derToRaw({}, 32).isEmpty());
        // SEQUENCE { INTEGER -1, INTEGER 1 }: negative.
        QVERIFY(EcdsaSignature::derToRaw(QByteArray::fromHex("30060201FF020101"), 32).isEmpty());
        // SEQUENCE { INTEGER 00 01 (not minimal), INTEGER 1 }.
        QVERIFY(EcdsaSignature::derToRaw(QByteArray::fromHex("300702020001020101"), 32).isEmpty());
        // A long length form where the short one fits.
        QVERIFY(EcdsaSignature::derToRaw(QByteArray::fromHex("308106020101020101"), 32).isEmpty());
        // The smallest valid one.
        QCOMPARE(EcdsaSignature::derToRaw(QByteArray::fromHex("3006020101020102"), 32),
                 QByteArray(31, 0) + '\x01' + QByteArray(31, 0) + '\x02');
    }

    // P-521 components need the long length form of the SEQUENCE.
    void longForm()
    {
        QByteArray raw(132, '\x7F');
        const QByteArray der = EcdsaSignature::rawToDer(raw);
        QCOMPARE(der.toHex(), opensslDer(raw).toHex());
        QCOMPARE(static_cast<unsigned char>(der.at(1)), 0x81);
        QCOMPARE(EcdsaSignature::derToRaw(der, 66), raw);
    }
};

QTEST_APPLESS_MAIN(TestEcdsaSignature)
#include "TestEcdsaSignature.moc"
