#include "common/Utf8.h"

#include <QtTest>

using dcc::Utf8;

class TestUtf8 : public QObject
{
    Q_OBJECT

private slots:
    void decodes()
    {
        QCOMPARE(Utf8::decode("abc"), std::u32string(U"abc"));
        QCOMPARE(Utf8::decode("\xC3\xA9t\xC3\xA9"), std::u32string(U"\u00e9t\u00e9"));
        QCOMPARE(Utf8::decode("\xE2\x82\xAC"), std::u32string(U"\u20ac"));
        QCOMPARE(Utf8::decode("\xF0\x9F\x94\x91"), std::u32string(U"\U0001F511"));
        QCOMPARE(Utf8::decode(""), std::u32string());
    }

    void refusesMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("lone continuation") << QByteArray("\x80");
        QTest::newRow("truncated sequence") << QByteArray("\xC3");
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF");
        QTest::newRow("overlong three bytes") << QByteArray("\xE0\x80\xAF");
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80");
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80");
        QTest::newRow("invalid lead byte") << QByteArray("\xFF");
        QTest::newRow("bad continuation") << QByteArray("\xC3\x28");
    }
    void refusesMalformed()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!Utf8::decode(bytes.toStdString()).has_value());
    }

    void classifiesCase_data()
    {
        QTest::addColumn<uint>("c");
        QTest::addColumn<bool>("upper");
        QTest::addColumn<bool>("lower");
        QTest::newRow("A") << uint('A') << true << false;
        QTest::newRow("z") << uint('z') << false << true;
        QTest::newRow("1") << uint('1') << false << false;
        QTest::newRow("E acute") << 0xC9u << true << false;
        QTest::newRow("e acute") << 0xE9u << false << true;
        QTest::newRow("multiplication sign") << 0xD7u << false << false;
        QTest::newRow("sharp s") << 0xDFu << false << true;
        QTest::newRow("OE ligature") << 0x152u << true << false;
        QTest::newRow("oe ligature") << 0x153u << false << true;
        QTest::newRow("Y diaeresis") << 0x178u << true << false;
        QTest::newRow("L acute (odd upper)") << 0x139u << true << false;
        QTest::newRow("l acute") << 0x13Au << false << true;
        QTest::newRow("Z caron") << 0x17Du << true << false;
        QTest::newRow("kra") << 0x138u << false << true;
        QTest::newRow("Greek Omega") << 0x3A9u << true << false;
        QTest::newRow("greek alpha") << 0x3B1u << false << true;
        QTest::newRow("Cyrillic Ya") << 0x42Fu << true << false;
        QTest::newRow("cyrillic ya") << 0x44Fu << false << true;
        QTest::newRow("CJK") << 0x4E2Du << false << false;
    }
    void classifiesCase()
    {
        QFETCH(uint, c);
        QFETCH(bool, upper);
        QFETCH(bool, lower);
        QCOMPARE(Utf8::isUpperCase(char32_t(c)), upper);
        QCOMPARE(Utf8::isLowerCase(char32_t(c)), lower);
    }

    void classifiesSpecialAndControl()
    {
        for (const char c : std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"))
            QVERIFY2(Utf8::isSpecial(static_cast<char32_t>(c)), &c);
        QVERIFY(Utf8::isSpecial(U'\u20ac'));
        QVERIFY(Utf8::isSpecial(U'\u00a7'));
        QVERIFY(!Utf8::isSpecial(U' '));
        QVERIFY(!Utf8::isSpecial(U'a'));
        QVERIFY(!Utf8::isSpecial(U'5'));
        QVERIFY(Utf8::isControl(U'\t'));
        QVERIFY(Utf8::isControl(U'\x7f'));
        QVERIFY(Utf8::isControl(U'\u0085'));
        QVERIFY(!Utf8::isControl(U'a'));
    }

    void trimsAndLowers()
    {
        QCOMPARE(Utf8::trim(" \t x y \r\n"), std::string_view("x y"));
        QCOMPARE(Utf8::trim("\xC2\xA0x\xE2\x80\xAF"), std::string_view("x"));
        QCOMPARE(Utf8::trim("   "), std::string_view(""));
        QCOMPARE(Utf8::asciiLower("J.DuPont \xC3\x89"), std::string("j.dupont \xC3\x89"));
    }
};

QTEST_APPLESS_MAIN(TestUtf8)
#include "TestUtf8.moc"
