#include "common/PasswordPolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using dcc::PasswordPolicy;
using dcc::PasswordRule;
using Rules = std::vector<PasswordRule>;

Q_DECLARE_METATYPE(Rules)

class TestPasswordPolicy : public QObject
{
    Q_OBJECT

private slots:
    void unmetRules_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<Rules>("unmet");
        // The guide's four rules, one at a time and together.
        QTest::newRow("meets all, digit") << "Soleil2024" << Rules{};
        QTest::newRow("meets all, special") << "Soleil!Lune" << Rules{};
        QTest::newRow("exactly 8") << "Abcdefg1" << Rules{};
        QTest::newRow("7 characters") << "Abcdef1" << Rules{PasswordRule::MinLength};
        QTest::newRow("no upper case") << "soleil2024" << Rules{PasswordRule::Uppercase};
        QTest::newRow("no lower case") << "SOLEIL2024" << Rules{PasswordRule::Lowercase};
        QTest::newRow("no digit or special") << "SoleilLune" << Rules{PasswordRule::DigitOrSpecial};
        QTest::newRow("every rule broken")
            << ""
            << Rules{PasswordRule::MinLength, PasswordRule::Uppercase, PasswordRule::Lowercase,
                     PasswordRule::DigitOrSpecial};
        QTest::newRow("short, lower only")
            << "abc"
            << Rules{PasswordRule::MinLength, PasswordRule::Uppercase,
                     PasswordRule::DigitOrSpecial};
        // Every special character the guide lists counts.
        for (const char c : PasswordPolicy::guideSpecialCharacters()) {
            QTest::addRow("guide special %c", c)
                << (QStringLiteral("SoleilLune") + QChar::fromLatin1(c)) << Rules{};
        }
        QTest::newRow("at sign") << "Soleil@Lune" << Rules{};
        QTest::newRow("euro sign") << QString::fromUtf8("Soleil\u20acLune") << Rules{};
        QTest::newRow("space is not special")
            << "Soleil Lune" << Rules{PasswordRule::DigitOrSpecial};
        // Unicode: characters, not bytes, and accented capitals count as upper case.
        QTest::newRow("accented upper") << QString::fromUtf8("\u00c9l\u00e9phant1") << Rules{};
        QTest::newRow("accented lower only")
            << QString::fromUtf8("\u00e9l\u00e9phant1") << Rules{PasswordRule::Uppercase};
        QTest::newRow("oe ligature upper") << QString::fromUtf8("\u0152uvre-soir") << Rules{};
        QTest::newRow("7 chars in 14 bytes")
            << QString::fromUtf8("\u00c9\u00e9\u00e9\u00e9\u00e9\u00e91")
            << Rules{PasswordRule::MinLength};
        QTest::newRow("cyrillic") << QString::fromUtf8("\u041f\u0430\u0440\u043e\u043b\u044c12")
                                  << Rules{};
        QTest::newRow("128 characters") << ("Aa1" + QString(125, 'x')) << Rules{};
        QTest::newRow("129 characters is refused, not truncated")
            << ("Aa1" + QString(126, 'x')) << Rules{PasswordRule::MaxLength};
        QTest::newRow("control character") << "Soleil\t2024" << Rules{PasswordRule::ValidText};
        QTest::newRow("identifier itself") << "J.Dupont" << Rules{PasswordRule::NotIdentifier};
    }
    void unmetRules()
    {
        QFETCH(QString, password);
        QFETCH(Rules, unmet);
        const PasswordPolicy policy;
        QCOMPARE(policy.unmetRules(password.toStdString(), "j.dupont"), unmet);
        QCOMPARE(policy.accepts(password.toStdString(), "j.dupont"), unmet.empty());
    }

    void identifierComparisonIgnoresCaseOnly()
    {
        const PasswordPolicy policy;
        QVERIFY(!policy.accepts("A.Martin-Durand", "a.martin-durand"));
        QVERIFY(policy.accepts("A.Martin-Durand1", "a.martin-durand"));
        QVERIFY(policy.accepts("J.Dupont", "")); // no identifier given: nothing to compare
    }

    void invalidUtf8IsRefusedAlone()
    {
        const PasswordPolicy policy;
        QCOMPARE(policy.unmetRules("Soleil\xff"
                                   "2024"),
                 Rules{PasswordRule::ValidText});
    }

    void thresholdsAreConfigurable()
    {
        PasswordPolicy::Thresholds thresholds;
        thresholds.minLength = 12;
        thresholds.minDigitOrSpecial = 2;
        thresholds.refuseIdentifier = false;
        const PasswordPolicy policy(thresholds);
        QCOMPARE(policy.unmetRules("Soleil2024"), (Rules{PasswordRule::MinLength}));
        QCOMPARE(policy.unmetRules("SoleilLune!x"), Rules{PasswordRule::DigitOrSpecial});
        QVERIFY(policy.accepts("SoleilLune!1"));

        thresholds.minLength = 200;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PasswordPolicy{thresholds});
    }

    void serialisesForInfo()
    {
        PasswordPolicy::Thresholds thresholds;
        thresholds.minLength = 10;
        const auto json = QByteArray::fromStdString(PasswordPolicy(thresholds).toJson());
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value("min_length").toInt(), 10);
        QCOMPARE(object.value("max_length").toInt(), 128);
        QCOMPARE(object.value("min_uppercase").toInt(), 1);
        QCOMPARE(object.value("min_lowercase").toInt(), 1);
        QCOMPARE(object.value("min_digit_or_special").toInt(), 1);
        QCOMPARE(object.value("refuse_identifier").toBool(), true);
        QCOMPARE(object.value("special_characters").toString().toStdString(),
                 std::string(PasswordPolicy::guideSpecialCharacters()));
    }

    void ruleCodesAreDistinct()
    {
        const Rules all{PasswordRule::MinLength,      PasswordRule::MaxLength,
                        PasswordRule::Uppercase,      PasswordRule::Lowercase,
                        PasswordRule::DigitOrSpecial, PasswordRule::NotIdentifier,
                        PasswordRule::ValidText};
        QSet<QString> codes;
        for (const auto rule : all)
            codes.insert(QString::fromLatin1(PasswordPolicy::ruleCode(rule)));
        QCOMPARE(codes.size(), static_cast<qsizetype>(all.size()));
        QVERIFY(!codes.contains("unknown"));
    }
};

QTEST_APPLESS_MAIN(TestPasswordPolicy)
#include "TestPasswordPolicy.moc"
