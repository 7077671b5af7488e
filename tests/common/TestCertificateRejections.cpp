#include "common/CertificateRejection.h"

#include <QtTest>

using dcc::CertificateRejection;
using dcc::CertificateRejections;

Q_DECLARE_METATYPE(CertificateRejection)

class TestCertificateRejections : public QObject
{
    Q_OBJECT

private slots:
    void codesRoundTrip_data()
    {
        QTest::addColumn<CertificateRejection>("reason");
        QTest::addColumn<QString>("code");
        QTest::newRow("malformed") << CertificateRejection::Malformed << "malformed";
        QTest::newRow("untrusted") << CertificateRejection::Untrusted << "untrusted";
        QTest::newRow("expired") << CertificateRejection::Expired << "expired";
        QTest::newRow("not_yet_valid") << CertificateRejection::NotYetValid << "not_yet_valid";
        QTest::newRow("wrong_usage") << CertificateRejection::WrongUsage << "wrong_usage";
        QTest::newRow("revoked") << CertificateRejection::Revoked << "revoked";
        QTest::newRow("revocation_unavailable")
            << CertificateRejection::RevocationUnavailable << "revocation_unavailable";
    }
    void codesRoundTrip()
    {
        QFETCH(CertificateRejection, reason);
        QFETCH(QString, code);
        QCOMPARE(QString::fromLatin1(CertificateRejections::code(reason)), code);
        QCOMPARE(CertificateRejections::fromCode(code.toStdString()), reason);
    }

    void unknownCodeIsRefused() { QVERIFY(!CertificateRejections::fromCode("stolen").has_value()); }
};

QTEST_APPLESS_MAIN(TestCertificateRejections)
#include "TestCertificateRejections.moc"
