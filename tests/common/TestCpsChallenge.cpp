#include "common/CpsChallenge.h"

#include <QtTest>

using dcc::CpsChallenge;

namespace {

QByteArray hex(const dcc::Bytes& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()))
        .toHex();
}

QByteArray hex(const CpsChallenge::Sha256& digest)
{
    return hex(dcc::Bytes(digest.begin(), digest.end()));
}

} // namespace

class TestCpsChallenge : public QObject
{
    Q_OBJECT

private slots:
    // Expected values computed independently (Python hashlib) from DESIGN.md's formula:
    // digest = SHA-256( SHA-256(origin) || SHA-256(nonce) ).
    void digest_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<QByteArray>("nonce");
        QTest::addColumn<QByteArray>("signedData");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("production-like origin")
            << QByteArray("https://login.onco-hdf.fr")
            << QByteArray("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=")
            << QByteArray("bb708534deb502fce45f1b0dc150a6e12f9c2fa7ab96184a993c62b3cc0d4744"
                          "59b59b94886dfde9e7d0bbece7875ef05139d07a563cbc9f3999257ab681dbcf")
            << QByteArray("eb968dc7b8784af0e7ab37b148b3faaeb7fc360b52abbc299166023dc0ba3bd3");
        QTest::newRow("origin with port")
            << QByteArray("https://localhost:8443")
            << QByteArray("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") << QByteArray()
            << QByteArray("b04743b580714c6d2eba80ee6e8366c79a716af4e3450052aff98e1aced4fdec");
    }
    void digest()
    {
        QFETCH(QByteArray, origin);
        QFETCH(QByteArray, nonce);
        QFETCH(QByteArray, signedData);
        QFETCH(QByteArray, digest);
        if (!signedData.isEmpty())
            QCOMPARE(hex(CpsChallenge::signedData(origin.toStdString(), nonce.toStdString())),
                     signedData);
        QCOMPARE(hex(CpsChallenge::digest(origin.toStdString(), nonce.toStdString())), digest);
    }

    void digestBindsOriginAndNonce()
    {
        const auto reference = CpsChallenge::digest("https://login.onco-hdf.fr", "abc=");
        QVERIFY(CpsChallenge::digest("https://evil.example", "abc=") != reference);
        QVERIFY(CpsChallenge::digest("https://login.onco-hdf.fr", "abd=") != reference);
        // Concatenating hashes, not texts: moving characters between the two changes it.
        QVERIFY(CpsChallenge::digest("https://login.onco-hdf.fra", "bc=") != reference);
    }

    // RFC 8017, 9.2 note 1: the DER DigestInfo prefix for SHA-256, then the 32 bytes.
    void digestInfoIsDerForSha256()
    {
        CpsChallenge::Sha256 digest{};
        for (std::size_t i = 0; i < digest.size(); ++i)
            digest[i] = static_cast<std::uint8_t>(i);
        const dcc::Bytes info = CpsChallenge::digestInfo(digest);
        QCOMPARE(info.size(), CpsChallenge::kDigestInfoSize);
        QCOMPARE(hex(info), QByteArray("3031300d060960864801650304020105000420"
                                       "000102030405060708090a0b0c0d0e0f"
                                       "101112131415161718191a1b1c1d1e1f"));
    }
};

QTEST_APPLESS_MAIN(TestCpsChallenge)
#include "TestCpsChallenge.moc"
