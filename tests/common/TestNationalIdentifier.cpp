#include "common/NationalIdentifier.h"

#include <QtTest>

using dcc::NationalIdentifier;
using dcc::NationalIdentifierType;

Q_DECLARE_METATYPE(NationalIdentifierType)

class TestNationalIdentifier : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<NationalIdentifierType>("type");
        QTest::addColumn<QString>("number");
        QTest::newRow("RPPS") << "810001234567" << NationalIdentifierType::Rpps << "10001234567";
        QTest::newRow("ADELI") << "0751234567" << NationalIdentifierType::Adeli << "751234567";
        QTest::newRow("ADELI Corse-du-Sud")
            << "02A1234567" << NationalIdentifierType::Adeli << "2A1234567";
        QTest::newRow("structure staff")
            << "3750100125/0001" << NationalIdentifierType::Other << "750100125/0001";
        QTest::newRow("other type") << "5123" << NationalIdentifierType::Other << "123";
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(NationalIdentifierType, type);
        QFETCH(QString, number);
        const auto id = NationalIdentifier::parse(text.toStdString());
        QVERIFY2(id.has_value(), qPrintable(text));
        QCOMPARE(id->type(), type);
        QCOMPARE(QString::fromStdString(id->value()), text);
        QCOMPARE(QString::fromStdString(std::string(id->number())), number);
        QCOMPARE(id->typeDigit(), text.at(0).toLatin1());
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("type digit only") << "8";
        QTest::newRow("RPPS too short") << "81000123456";
        QTest::newRow("RPPS too long") << "8100012345678";
        QTest::newRow("RPPS with letter") << "81000123456A";
        QTest::newRow("ADELI too short") << "075123456";
        QTest::newRow("ADELI letter in number") << "0751234X67";
        QTest::newRow("no type digit") << "DUPONT";
        QTest::newRow("space") << "3750 100125";
        QTest::newRow("name, not an identifier") << "TEST AC RACINE IGC-SANTE FORTE";
        QTest::newRow("too long") << ("3" + QString(40, '1'));
    }
    void refuses()
    {
        QFETCH(QString, text);
        QVERIFY(!NationalIdentifier::parse(text.toStdString()).has_value());
    }
};

QTEST_APPLESS_MAIN(TestNationalIdentifier)
#include "TestNationalIdentifier.moc"
