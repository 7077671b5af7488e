#include "common/CpsCertificate.h"
#include "tests/support/TestPki.h"

#include <QFile>
#include <QtTest>

#include <chrono>

using dcc::CertificateProblem;
using dcc::CpsCertificate;
using dcc::NationalIdentifierType;
using dcc::PublicKeyType;
using dcc::test::TestPki;

Q_DECLARE_METATYPE(NationalIdentifierType)

namespace {

CpsCertificate load(const QString& file)
{
    auto parsed = CpsCertificate::parse(TestPki::bytes(file));
    if (!parsed)
        throw std::runtime_error("cannot parse " + file.toStdString());
    return std::move(parsed).value();
}

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

// The serial as `openssl x509 -serial` printed it when the PKI was made (holders.txt).
QString serialFromHoldersFile(const QString& holder)
{
    QFile file(TestPki::path("holders.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split('\t');
        if (fields.size() >= 3 && fields[0] == holder.toUtf8())
            return QString::fromLatin1(fields[2]);
    }
    return {};
}

} // namespace

class TestCpsCertificate : public QObject
{
    Q_OBJECT

private slots:
    void readsHolderIdentity_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("nationalId");
        QTest::addColumn<NationalIdentifierType>("type");
        QTest::addColumn<QString>("givenName");
        QTest::addColumn<QString>("surname");
        QTest::addColumn<QString>("profession");
        QTest::addColumn<QString>("organisation");
        QTest::newRow("RPPS doctor, DER")
            << "dupont-auth.der"
            << "810001234567" << NationalIdentifierType::Rpps << "JEAN"
            << "DUPONT" << QString::fromUtf8("M\u00e9decin") << "CENTRE HOSPITALIER DE TEST";
        QTest::newRow("RPPS doctor, PEM")
            << "dupont-auth.pem"
            << "810001234567" << NationalIdentifierType::Rpps << "JEAN"
            << "DUPONT" << QString::fromUtf8("M\u00e9decin") << "CENTRE HOSPITALIER DE TEST";
        QTest::newRow("ADELI nurse")
            << "martin-auth.der"
            << "0751234567" << NationalIdentifierType::Adeli << "ALINE"
            << "MARTIN-DURAND" << QString::fromUtf8("Infirmi\u00e8re") << "CLINIQUE DE TEST";
        QTest::newRow("EC pharmacist") << "leroy-ec-auth.pem"
                                       << "810009876543" << NationalIdentifierType::Rpps << "PAUL"
                                       << "LEROY"
                                       << "Pharmacien"
                                       << "PHARMACIE DE TEST";
    }
    void readsHolderIdentity()
    {
        QFETCH(QString, file);
        QFETCH(QString, nationalId);
        QFETCH(NationalIdentifierType, type);
        QFETCH(QString, givenName);
        QFETCH(QString, surname);
        QFETCH(QString, profession);
        QFETCH(QString, organisation);
        const CpsCertificate cert = load(file);
        QVERIFY(cert.nationalIdentifier().has_value());
        QCOMPARE(text(cert.nationalIdentifier()->value()), nationalId);
        QCOMPARE(cert.nationalIdentifier()->type(), type);
        QCOMPARE(text(cert.givenName()), givenName);
        QCOMPARE(text(cert.surname()), surname);
        QCOMPARE(text(cert.profession()), profession);
        QCOMPARE(text(cert.organisation()), organisation);
        QVERIFY(cert.isAuthenticationCertificate());
        QVERIFY(!cert.isCertificateAuthority());
        QVERIFY(text(cert.issuer()).contains("CN=TEST AC IGC-SANTE FORTE PERSONNES"));
        QVERIFY(text(cert.subject()).contains("CN=" + nationalId));
        QVERIFY(text(cert.subject()).contains(profession)); // UTF-8 kept, not escaped
        const QString holder = QFileInfo(file).completeBaseName();
        QCOMPARE(text(cert.serialNumber()), serialFromHoldersFile(holder));
    }

    void derAndPemGiveTheSameCertificate()
    {
        QCOMPARE(load("dupont-auth.pem").der(), load("dupont-auth.der").der());
        QCOMPARE(load("dupont-auth.der").der(), TestPki::bytes("dupont-auth.der"));
    }

    void readsKeyUsage()
    {
        const CpsCertificate auth = load("dupont-auth.der");
        QVERIFY(auth.keyUsage().declared);
        QVERIFY(auth.keyUsage().digitalSignature);
        QVERIFY(!auth.keyUsage().nonRepudiation);
        QVERIFY(auth.isAuthenticationCertificate());

        const CpsCertificate sign = load("dupont-sign.der");
        QVERIFY(sign.keyUsage().nonRepudiation);
        QVERIFY(!sign.keyUsage().digitalSignature);
        QVERIFY(!sign.isAuthenticationCertificate());
        QVERIFY(!load("signonly.der").isAuthenticationCertificate());

        const CpsCertificate root = load("root-ca.der");
        QVERIFY(root.isCertificateAuthority());
        QVERIFY(root.keyUsage().keyCertSign);
        QVERIFY(!root.nationalIdentifier().has_value()); // CN is a name, not a PS_IdNat
        QVERIFY(!root.isAuthenticationCertificate());
    }

    void readsKeys()
    {
        const CpsCertificate rsa = load("dupont-auth.der");
        QCOMPARE(rsa.publicKeyType(), PublicKeyType::Rsa);
        QCOMPARE(rsa.publicKeyBits(), 2048);
        QVERIFY(!rsa.publicKeyInfo().empty());
        const CpsCertificate ec = load("leroy-ec-auth.der");
        QCOMPARE(ec.publicKeyType(), PublicKeyType::Ec);
        QCOMPARE(ec.publicKeyBits(), 256);
    }

    void readsValidity()
    {
        using namespace std::chrono;
        const auto now = time_point_cast<seconds>(system_clock::now());
        const CpsCertificate valid = load("dupont-auth.der");
        QVERIFY(valid.isValidAt(now));
        QVERIFY(valid.notBefore() < now && now - valid.notBefore() < hours(49));
        QVERIFY(valid.notAfter() - now > days(3 * 365 - 2));

        const CpsCertificate expired = load("expired-auth.der");
        QVERIFY(!expired.isValidAt(now));
        QVERIFY(expired.notAfter() < now);

        const CpsCertificate future = load("notyetvalid-auth.der");
        QVERIFY(!future.isValidAt(now));
        QVERIFY(future.notBefore() > now + days(9 * 365));
    }

    void refusesWhatIsNotACertificate_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<CertificateProblem>("problem");
        QTest::newRow("empty") << QByteArray() << CertificateProblem::Empty;
        QTest::newRow("text") << QByteArray("hello") << CertificateProblem::NotDecodable;
        QTest::newRow("PEM armour without body")
            << QByteArray("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
            << CertificateProblem::NotDecodable;
        const dcc::Bytes der = TestPki::bytes("dupont-auth.der");
        const QByteArray full(reinterpret_cast<const char*>(der.data()),
                              static_cast<qsizetype>(der.size()));
        QTest::newRow("truncated DER")
            << full.left(full.size() - 10) << CertificateProblem::NotDecodable;
        QTest::newRow("DER with trailing bytes")
            << (full + QByteArray("\x00\x01", 2)) << CertificateProblem::NotDecodable;
        QByteArray flipped = full;
        flipped[1] = static_cast<char>(flipped[1] ^ 0x7f); // outer length
        QTest::newRow("broken outer length") << flipped << CertificateProblem::NotDecodable;
        QTest::newRow("private key PEM") << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n"
                                                       "-----END PRIVATE KEY-----\n")
                                         << CertificateProblem::NotDecodable;
    }
    void refusesWhatIsNotACertificate()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(CertificateProblem, problem);
        const auto parsed = CpsCertificate::parse(
            dcc::ByteView(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                          static_cast<std::size_t>(bytes.size())));
        QVERIFY(!parsed.hasValue());
        QCOMPARE(parsed.error(), problem);
        QVERIFY(CpsCertificate::problemCode(problem) != "unknown");
    }
};

QTEST_APPLESS_MAIN(TestCpsCertificate)
#include "TestCpsCertificate.moc"
