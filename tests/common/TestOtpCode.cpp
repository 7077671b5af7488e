#include "common/OtpCode.h"

#include <QtTest>

#include <array>
#include <set>

using dcc::OtpCode;

class TestOtpCode : public QObject
{
    Q_OBJECT

private slots:
    void generatesSixAsciiDigits()
    {
        for (int i = 0; i < 1000; ++i) {
            const std::string code = OtpCode::generate();
            QCOMPARE(code.size(), std::size_t{6});
            for (const char c : code)
                QVERIFY(c >= '0' && c <= '9');
        }
    }

    void generatesOtherLengths()
    {
        QCOMPARE(OtpCode::generate(8).size(), std::size_t{8});
        QCOMPARE(OtpCode::generate(1).size(), std::size_t{1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OtpCode::generate(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OtpCode::generate(10));
    }

    // Every digit of every position must be about equally likely: a biased generator (a
    // modulo over a range that is not a multiple of 10^6, or a constant) fails this
    // chi-squared test, a uniform one fails it about once in a million runs.
    void digitsAreUniform()
    {
        constexpr int kCodes = 20000;
        std::array<std::array<int, 10>, 6> counts{};
        std::set<std::string> distinct;
        for (int i = 0; i < kCodes; ++i) {
            const std::string code = OtpCode::generate();
            distinct.insert(code);
            for (std::size_t position = 0; position < 6; ++position)
                ++counts[position][static_cast<std::size_t>(code[position] - '0')];
        }
        const double expected = kCodes / 10.0;
        for (const auto& position : counts) {
            double chi2 = 0;
            for (const int observed : position)
                chi2 += (observed - expected) * (observed - expected) / expected;
            // 9 degrees of freedom: P(chi2 > 37.9) ≈ 1e-5.
            QVERIFY2(chi2 < 37.9, qPrintable(QString::number(chi2)));
        }
        // 20,000 draws among 10^6 values: about 200 expected collisions.
        QVERIFY(distinct.size() > 19500);
    }

    void parses_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("code");
        QTest::newRow("plain") << "123456"
                               << "123456";
        QTest::newRow("leading zeros kept") << "000042"
                                            << "000042";
        QTest::newRow("grouped by three") << "123 456"
                                          << "123456";
        QTest::newRow("surrounding spaces") << "  123456 "
                                            << "123456";
        QTest::newRow("tab") << "123\t456"
                             << "123456";
        QTest::newRow("no-break space from a mail")
            << QString::fromUtf8("123\u00a0456") << "123456";
        QTest::newRow("narrow no-break space") << QString::fromUtf8("123\u202f456") << "123456";
    }
    void parses()
    {
        QFETCH(QString, typed);
        QFETCH(QString, code);
        const auto parsed = OtpCode::parse(typed.toStdString());
        QVERIFY2(parsed.has_value(), qPrintable(typed));
        QCOMPARE(QString::fromStdString(*parsed), code);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << "";
        QTest::newRow("five digits") << "12345";
        QTest::newRow("seven digits") << "1234567";
        QTest::newRow("letter") << "12345a";
        QTest::newRow("hyphen") << "123-456";
        QTest::newRow("arabic-indic digits")
            << QString::fromUtf8("\u0661\u0662\u0663\u0664\u0665\u0666");
        QTest::newRow("fullwidth digits")
            << QString::fromUtf8("\uff11\uff12\uff13\uff14\uff15\uff16");
        QTest::newRow("sign") << "+123456";
        QTest::newRow("newline inside") << "123\n456";
    }
    void refuses()
    {
        QFETCH(QString, typed);
        QVERIFY(!OtpCode::parse(typed.toStdString()).has_value());
    }

    void parsesOtherLengths()
    {
        QCOMPARE(OtpCode::parse("1234 5678", 8).value_or(""), std::string("12345678"));
        QVERIFY(!OtpCode::parse("123456", 8).has_value());
    }
};

QTEST_APPLESS_MAIN(TestOtpCode)
#include "TestOtpCode.moc"
