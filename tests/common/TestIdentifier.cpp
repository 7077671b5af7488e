#include "common/Identifier.h"

#include <QtTest>

using dcc::Identifier;
using dcc::IdentifierProblem;

Q_DECLARE_METATYPE(IdentifierProblem)

class TestIdentifier : public QObject
{
    Q_OBJECT

private slots:
    void acceptsAndNormalises_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("guide example") << "j.dupont"
                                       << "j.dupont";
        QTest::newRow("guide example with capital I") << "I.dupont"
                                                      << "i.dupont";
        QTest::newRow("compound surname") << "a.martin-durand"
                                          << "a.martin-durand";
        QTest::newRow("apostrophe") << "l.o'neil"
                                    << "l.o'neil";
        QTest::newRow("typographic apostrophe") << QString::fromUtf8("l.o\u2019neil") << "l.o'neil";
        QTest::newRow("upper case and spaces") << "  J.DUPONT \t"
                                               << "j.dupont";
        QTest::newRow("no-break space") << QString::fromUtf8("\u00a0j.dupont") << "j.dupont";
        QTest::newRow("homonym number") << "j.dupont2"
                                        << "j.dupont2";
        QTest::newRow("short surname") << "p.li"
                                       << "p.li";
    }
    void acceptsAndNormalises()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        const auto parsed = Identifier::parse(typed.toStdString());
        QVERIFY2(parsed.hasValue(), qPrintable(typed));
        QCOMPARE(QString::fromStdString(parsed.value().value()), expected);
    }

    void refusesWithReason_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<IdentifierProblem>("problem");
        QTest::newRow("empty") << "" << IdentifierProblem::Empty;
        QTest::newRow("spaces only") << "   " << IdentifierProblem::Empty;
        QTest::newRow("too long") << ("j." + QString(70, 'a')) << IdentifierProblem::TooLong;
        QTest::newRow("accent") << QString::fromUtf8("j.lef\u00e8vre")
                                << IdentifierProblem::InvalidCharacter;
        QTest::newRow("inner space") << "j.du pont" << IdentifierProblem::InvalidCharacter;
        QTest::newRow("e-mail typed")
            << "j.dupont@hopital.fr" << IdentifierProblem::InvalidCharacter;
        QTest::newRow("no dot") << "jdupont" << IdentifierProblem::MissingDot;
        QTest::newRow("full first name")
            << "jean.dupont" << IdentifierProblem::InitialNotSingleLetter;
        QTest::newRow("no initial") << ".dupont" << IdentifierProblem::InitialNotSingleLetter;
        QTest::newRow("digit initial") << "1.dupont" << IdentifierProblem::InitialNotSingleLetter;
        QTest::newRow("no surname") << "j." << IdentifierProblem::SurnameMissing;
        QTest::newRow("leading hyphen") << "j.-dupont" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("trailing hyphen") << "j.dupont-" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("double hyphen") << "j.martin--durand" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("hyphen then apostrophe") << "j.a-'b" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("digits only") << "j.123" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("digit inside") << "j.du2pont" << IdentifierProblem::SurnameMalformed;
        QTest::newRow("second dot") << "j.du.pont" << IdentifierProblem::SurnameMalformed;
    }
    void refusesWithReason()
    {
        QFETCH(QString, typed);
        QFETCH(IdentifierProblem, problem);
        const auto parsed = Identifier::parse(typed.toStdString());
        QVERIFY2(!parsed.hasValue(), qPrintable(typed));
        QCOMPARE(parsed.error(), problem);
        QVERIFY(Identifier::problemCode(problem) != "unknown");
    }

    void refusesInvalidUtf8() { QVERIFY(!Identifier::parse("j.dup\xff\xfeont").hasValue()); }

    void comparesAfterNormalisation()
    {
        QCOMPARE(Identifier::parse(" J.Dupont").value(), Identifier::parse("j.dupont").value());
        QVERIFY(!(Identifier::parse("j.dupont").value() == Identifier::parse("j.dupond").value()));
    }
};

QTEST_APPLESS_MAIN(TestIdentifier)
#include "TestIdentifier.moc"
