#include "server/mail/MailTemplate.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <stdexcept>

using dcc::server::MailTemplate;

namespace {

const std::set<std::string> kAllowed{"name", "code", "link"};

// The message of the std::invalid_argument that `load` throws, or "" if it throws none.
template <typename Load>
QString invalidArgument(Load load)
{
    try {
        load();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestMailTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersPlaceholders()
    {
        const MailTemplate mailTemplate = MailTemplate::fromText(
            "Code pour {{name}}", "Bonjour {{name}},\nvotre code : {{code}}.\n{{code}}\n",
            kAllowed);
        const auto mail = mailTemplate.render({{"name", "Jean DUPONT"}, {"code", "042917"}},
                                              "jean.dupont@hopital.fr", "Jean DUPONT");
        QCOMPARE(mail.subject, std::string("Code pour Jean DUPONT"));
        QCOMPARE(mail.textBody,
                 std::string("Bonjour Jean DUPONT,\nvotre code : 042917.\n042917\n"));
        QCOMPARE(mail.toAddress, std::string("jean.dupont@hopital.fr"));
        QCOMPARE(mail.toName, std::string("Jean DUPONT"));
    }

    void reportsWhichPlaceholdersItUses()
    {
        const auto mailTemplate = MailTemplate::fromText("{{name}}", "{{code}} {{code}}", kAllowed);
        QCOMPARE(mailTemplate.placeholders(), (std::set<std::string>{"code", "name"}));
    }

    void keepsSingleBracesAndTextWithoutPlaceholders()
    {
        const auto mailTemplate =
            MailTemplate::fromText("Sujet", "{ pas un champ } {code} }} fin", kAllowed);
        QCOMPARE(mailTemplate.render({}, "a@b.fr", "").textBody,
                 std::string("{ pas un champ } {code} }} fin"));
        QVERIFY(mailTemplate.placeholders().empty());
    }

    void refusesBadTemplatesAtLoad_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown in body") << "Sujet"
                                         << "Code : {{cdoe}}"
                                         << "{{cdoe}}";
        QTest::newRow("unknown in subject") << "{{portal}}"
                                            << "{{code}}"
                                            << "{{portal}}";
        QTest::newRow("unterminated at the end") << "Sujet"
                                                 << "Code : {{code"
                                                 << "{{code";
        QTest::newRow("unterminated before text") << "Sujet"
                                                  << "{{code et la suite"
                                                  << "{{code et la suite";
        QTest::newRow("single closing brace") << "Sujet"
                                              << "{{code} fin"
                                              << "{{code}";
        QTest::newRow("spaces inside") << "Sujet"
                                       << "{{ code }}"
                                       << "{{ code }}";
        QTest::newRow("empty") << "Sujet"
                               << "{{}}"
                               << "{{}}";
    }
    void refusesBadTemplatesAtLoad()
    {
        QFETCH(QString, subject);
        QFETCH(QString, body);
        QFETCH(QString, named);
        const QString message = invalidArgument(
            [&] { MailTemplate::fromText(subject.toStdString(), body.toStdString(), kAllowed); });
        QVERIFY2(!message.isEmpty(), "no std::invalid_argument");
        QVERIFY2(message.contains(named), qPrintable(message));
    }

    void refusesAMissingValueAtRender()
    {
        const auto mailTemplate = MailTemplate::fromText("{{name}}", "{{code}}", kAllowed);
        const QString message = invalidArgument([&] {
            (void)mailTemplate.render({{"name", "Jean"}}, "a@b.fr", "");
        });
        QVERIFY2(message.contains("{{code}}"), qPrintable(message));
    }

    // A value is data: a display name or code that looks like a placeholder stays as it is
    // (one pass), so a user cannot make a mail show another placeholder's value.
    void doesNotExpandValues()
    {
        const auto mailTemplate =
            MailTemplate::fromText("{{name}}", "{{name}} / {{code}}", kAllowed);
        const auto mail =
            mailTemplate.render({{"name", "{{code}}"}, {"code", "123456"}}, "a@b.fr", "");
        QCOMPARE(mail.textBody, std::string("{{code}} / 123456"));
        QCOMPARE(mail.subject, std::string("{{code}}"));
    }

    void ignoresValuesItDoesNotUse()
    {
        const auto mailTemplate = MailTemplate::fromText("S", "{{code}}", kAllowed);
        QCOMPARE(mailTemplate.render({{"code", "1"}, {"link", "x"}}, "a@b.fr", "").textBody,
                 std::string("1"));
    }

    void loadsAFileWithoutItsBom()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("modele.txt").toStdString();
        std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF"
                                              << "Bonjour {{name}}, code {{code}}\n";
        const auto mailTemplate = MailTemplate::fromFile(path, "Sujet", kAllowed);
        QCOMPARE(mailTemplate.render({{"name", "Élise"}, {"code", "7"}}, "a@b.fr", "").textBody,
                 std::string("Bonjour Élise, code 7\n"));
    }

    void namesTheFileOfABadTemplate()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("mauvais.txt").toStdString();
        std::ofstream(path, std::ios::binary) << "Code {{cdoe}}\n";
        const QString message =
            invalidArgument([&] { MailTemplate::fromFile(path, "Sujet", kAllowed); });
        QVERIFY2(message.contains("mauvais.txt") && message.contains("{{cdoe}}"),
                 qPrintable(message));
    }

    void refusesAMissingFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            MailTemplate::fromFile(dir.filePath("absent.txt").toStdString(), "S", kAllowed));
    }
};

QTEST_APPLESS_MAIN(TestMailTemplate)
#include "TestMailTemplate.moc"
