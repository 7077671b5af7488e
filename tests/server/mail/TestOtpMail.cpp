#include "server/mail/OtpMail.h"

#include <QFile>
#include <QtTest>

#include <stdexcept>

using dcc::server::MailTemplate;
using dcc::server::OtpMail;

namespace {

QString body(const dcc::server::OutgoingMail& mail)
{
    return QString::fromStdString(mail.textBody);
}

} // namespace

class TestOtpMail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultMailSaysWhatTheGuideSays()
    {
        const OtpMail otpMail(OtpMail::defaultTemplate(), "DCC ONCO HDF");
        const auto mail = otpMail.compose("jean.dupont@hopital.fr", "Jean DUPONT", "042917");
        const QString text = body(mail);

        QCOMPARE(mail.subject, std::string("Votre code de connexion au DCC"));
        QCOMPARE(mail.toAddress, std::string("jean.dupont@hopital.fr"));
        QCOMPARE(mail.toName, std::string("Jean DUPONT"));
        QVERIFY2(text.startsWith("Bonjour Jean DUPONT,\n"), qPrintable(text));
        // The code alone on its line, so that it is seen at once and copied whole.
        QVERIFY2(text.split('\n').contains("042917"), qPrintable(text));
        QCOMPARE(text.count("042917"), 1);
        QVERIFY(text.contains("valable 10 minutes"));
        QVERIFY(text.contains(QString::fromUtf8("une seule fois")));
        QVERIFY(text.contains("Code OTP"));
        QVERIFY(text.contains(QString::fromUtf8("Mot de passe oublié")));
        QVERIFY(text.contains(QString::fromUtf8("Ne communiquez ce code à personne")));
        QVERIFY(
            text.contains(QString::fromUtf8("référent RCP de votre organisation de RCP ou 3C")));
        QVERIFY2(text.trimmed().endsWith("DCC ONCO HDF"), qPrintable(text));
        // Never a link in a mail that carries a code.
        QVERIFY(!text.contains("http", Qt::CaseInsensitive));
        QVERIFY(!text.contains("www.", Qt::CaseInsensitive));
        QVERIFY(!text.contains("{{"));
    }

    void validityFollowsTheConfiguredLifetime()
    {
        const OtpMail otpMail(OtpMail::defaultTemplate(), "DCC ONCO HDF");
        QCOMPARE(OtpMail::kDefaultValidity, std::chrono::minutes(10));
        const QString text =
            body(otpMail.compose("a@hopital.fr", "A", "123456", std::chrono::minutes(15)));
        QVERIFY(text.contains("valable 15 minutes"));
    }

    void greetsABlankNamePolitely()
    {
        const OtpMail otpMail(OtpMail::defaultTemplate(), "DCC ONCO HDF");
        const auto mail = otpMail.compose("a@hopital.fr", "  ", "123456");
        QVERIFY(body(mail).startsWith("Bonjour Madame, Monsieur,\n"));
    }

    void builtInTextIsTheResourceFile()
    {
        const auto fromFile =
            MailTemplate::fromFile(DCC_OTP_MAIL_TEXT_FILE, std::string(OtpMail::kDefaultSubject),
                                   OtpMail::allowedPlaceholders());
        const std::map<std::string, std::string> values{
            {"name", "N"}, {"code", "C"}, {"minutes", "M"}, {"portal", "P"}};
        QCOMPARE(OtpMail::defaultTemplate().render(values, "a@b.fr", "").textBody,
                 fromFile.render(values, "a@b.fr", "").textBody);
        QCOMPARE(OtpMail::defaultTemplate().placeholders(), OtpMail::allowedPlaceholders());
    }

    void builtInTextTakesAConfiguredSubject()
    {
        const OtpMail otpMail(OtpMail::defaultTemplate("Code DCC ONCO HDF"), "DCC ONCO HDF");
        const auto mail = otpMail.compose("a@hopital.fr", "A", "123456");
        QCOMPARE(mail.subject, std::string("Code DCC ONCO HDF"));
        QVERIFY(body(mail).contains("Code OTP"));
    }

    void refusesATemplateWithoutTheCode()
    {
        const auto noCode =
            MailTemplate::fromText("Sujet", "Bonjour {{name}}", OtpMail::allowedPlaceholders());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OtpMail(noCode, "DCC ONCO HDF"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OtpMail(OtpMail::defaultTemplate(), ""));
    }

    void customTemplateIsUsed()
    {
        const auto custom = MailTemplate::fromText("Code {{portal}}", "{{code}} ({{minutes}} min)",
                                                   OtpMail::allowedPlaceholders());
        const auto mail = OtpMail(custom, "DCC ONCO HDF").compose("a@b.fr", "A", "555123");
        QCOMPARE(mail.subject, std::string("Code DCC ONCO HDF"));
        QCOMPARE(mail.textBody, std::string("555123 (10 min)"));
    }
};

QTEST_APPLESS_MAIN(TestOtpMail)
#include "TestOtpMail.moc"
