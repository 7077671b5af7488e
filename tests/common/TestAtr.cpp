#include "common/Atr.h"

#include <QtTest>

using dcc::Atr;
using dcc::CardType;

Q_DECLARE_METATYPE(CardType)

class TestAtr : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<CardType>("type");
        QTest::newRow("CPS3 contact")
            << "3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00" << CardType::Cps3Contact;
        QTest::newRow("CPS3 contact, compact lower case")
            << "3bac00402a001225006480000310009000" << CardType::Cps3Contact;
        QTest::newRow("CPS3 contactless")
            << "3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E"
            << CardType::Cps3Contactless;
        QTest::newRow("CPS4") << "3B:9B:18:80:01:00:12:25:00:64:80:04:01:00:00:90:44"
                              << CardType::Cps4;
        QTest::newRow("vicc test card") << "3B 95 13 81 01 80 73 FF 01 00 0B" << CardType::Unknown;
        QTest::newRow("CPS3 prefix only") << "3B AC 00 40 2A 00 12 25" << CardType::Unknown;
        QTest::newRow("CPS3 with one byte more")
            << "3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00 00" << CardType::Unknown;
    }
    void classifies()
    {
        QFETCH(QString, hex);
        QFETCH(CardType, type);
        const auto atr = Atr::fromHex(hex.toStdString());
        QVERIFY(atr.has_value());
        QCOMPARE(atr->cardType(), type);
        QVERIFY(!Atr::cardTypeCode(type).empty());
    }

    void formatsAsPcscScanDoes()
    {
        const auto atr = Atr::fromHex("3bac0040");
        QCOMPARE(atr->toHex(), std::string("3B AC 00 40"));
        QCOMPARE(Atr(dcc::Bytes{0x0f, 0xa0}).toHex(), std::string("0F A0"));
    }

    void refusesMalformedHex_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::newRow("empty") << "";
        QTest::newRow("odd digits") << "3BA";
        QTest::newRow("separator inside a byte") << "3 BAC";
        QTest::newRow("not hex") << "3G";
        QTest::newRow("too long") << QString("3B ").repeated(34);
    }
    void refusesMalformedHex()
    {
        QFETCH(QString, hex);
        QVERIFY(!Atr::fromHex(hex.toStdString()).has_value());
    }
};

QTEST_APPLESS_MAIN(TestAtr)
#include "TestAtr.moc"
