#include "common/EmailAddress.h"

#include <QtTest>

using dcc::EmailAddress;
using dcc::EmailProblem;

Q_DECLARE_METATYPE(EmailProblem)

class TestEmailAddress : public QObject
{
    Q_OBJECT

private slots:
    void masks_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("masked");
        QTest::newRow("guide example") << "jean.dupont@hopital.fr"
                                       << "j***.d***@hopital.fr";
        QTest::newRow("one-part local name") << "jdupont@hopital.fr"
                                             << "j***@hopital.fr";
        QTest::newRow("one-letter parts never show their length") << "j.d@hopital.fr"
                                                                  << "j***.d***@hopital.fr";
        QTest::newRow("one-letter local name") << "j@hopital.fr"
                                               << "j***@hopital.fr";
        QTest::newRow("plus addressing") << "jean.dupont+dcc@hopital.fr"
                                         << "j***.d***+d***@hopital.fr";
        QTest::newRow("hyphen and underscore") << "anne-marie_martin@chu-lille.fr"
                                               << "a***-m***_m***@chu-lille.fr";
        QTest::newRow("domain lower-cased") << "Jean.Dupont@HOPITAL.FR"
                                            << "J***.D***@hopital.fr";
        QTest::newRow("surrounding spaces") << "  jean.dupont@hopital.fr "
                                            << "j***.d***@hopital.fr";
        QTest::newRow("subdomain") << "secretariat@rcp.onco-hdf.fr"
                                   << "s***@rcp.onco-hdf.fr";
    }
    void masks()
    {
        QFETCH(QString, address);
        QFETCH(QString, masked);
        const auto parsed = EmailAddress::parse(address.toStdString());
        QVERIFY2(parsed.hasValue(), qPrintable(address));
        QCOMPARE(QString::fromStdString(parsed->masked()), masked);
    }

    void keepsParts()
    {
        const auto parsed = EmailAddress::parse("Jean.Dupont@Hopital.FR");
        QVERIFY(parsed.hasValue());
        QCOMPARE(parsed->address(), std::string("Jean.Dupont@hopital.fr"));
        QCOMPARE(parsed->localPart(), std::string_view("Jean.Dupont"));
        QCOMPARE(parsed->domain(), std::string_view("hopital.fr"));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<EmailProblem>("problem");
        QTest::newRow("empty") << "" << EmailProblem::Empty;
        QTest::newRow("no at") << "jean.dupont.hopital.fr" << EmailProblem::MissingAt;
        QTest::newRow("empty local part") << "@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("two ats") << "jean@dupont@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("leading dot") << ".jean@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("trailing dot") << "jean.@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("double dot") << "jean..dupont@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("space inside") << "jean dupont@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("quoted local part")
            << "\"jean\"@hopital.fr" << EmailProblem::LocalPartInvalid;
        QTest::newRow("non-ASCII local part")
            << QString::fromUtf8("j\u00e9r\u00f4me@hopital.fr") << EmailProblem::LocalPartInvalid;
        QTest::newRow("local part over 64")
            << (QString(65, 'a') + "@hopital.fr") << EmailProblem::LocalPartInvalid;
        QTest::newRow("no domain") << "jean@" << EmailProblem::DomainInvalid;
        QTest::newRow("single-label domain") << "jean@localhost" << EmailProblem::DomainInvalid;
        QTest::newRow("domain double dot") << "jean@hopital..fr" << EmailProblem::DomainInvalid;
        QTest::newRow("domain trailing dot") << "jean@hopital.fr." << EmailProblem::DomainInvalid;
        QTest::newRow("label starts with hyphen")
            << "jean@-hopital.fr" << EmailProblem::DomainInvalid;
        QTest::newRow("address literal") << "jean@[192.168.0.1]" << EmailProblem::DomainInvalid;
        QTest::newRow("IPv4 address") << "jean@192.168.0.1" << EmailProblem::DomainInvalid;
        QTest::newRow("underscore in domain") << "jean@hop_ital.fr" << EmailProblem::DomainInvalid;
        QTest::newRow("too long") << ("a@" + QString(250, 'b') + ".fr") << EmailProblem::TooLong;
    }
    void refuses()
    {
        QFETCH(QString, address);
        QFETCH(EmailProblem, problem);
        const auto parsed = EmailAddress::parse(address.toStdString());
        QVERIFY2(!parsed.hasValue(), qPrintable(address));
        QCOMPARE(parsed.error(), problem);
        QVERIFY(EmailAddress::problemCode(problem) != "unknown");
    }
};

QTEST_APPLESS_MAIN(TestEmailAddress)
#include "TestEmailAddress.moc"
