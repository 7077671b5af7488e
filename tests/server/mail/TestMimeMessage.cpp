#include "common/Utf8.h"
#include "server/mail/MimeMessage.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <QRegularExpression>
#include <QtTest>

#include <stdexcept>

using dcc::server::MailIdentity;
using dcc::server::MimeMessage;
using dcc::server::OutgoingMail;
using dcc::test::ReceivedMail;

namespace {

const MailIdentity kFrom{"Webdcr@onco-hdf.fr", "DCC ONCO HDF"};

OutgoingMail frenchMail()
{
    return {"helene.martin@hopital.fr", "Hélène MARTIN-ÉTIENNE", "Votre code de connexion — accès",
            "Bonjour Hélène,\n\nVotre code :\n\n482916\n"};
}

QByteArray wire(const MimeMessage& message)
{
    return QByteArray::fromStdString(message.text());
}

} // namespace

class TestMimeMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBackExactly()
    {
        const MimeMessage message(frenchMail(), kFrom);
        const ReceivedMail mail = ReceivedMail::parse(wire(message));
        QCOMPARE(mail.header("From"), QString("DCC ONCO HDF <Webdcr@onco-hdf.fr>"));
        QCOMPARE(mail.header("To"),
                 QString::fromUtf8("Hélène MARTIN-ÉTIENNE <helene.martin@hopital.fr>"));
        QCOMPARE(mail.header("Subject"), QString::fromUtf8("Votre code de connexion — accès"));
        QCOMPARE(mail.body(), QString::fromUtf8("Bonjour Hélène,\n\nVotre code :\n\n482916\n"));
        QCOMPARE(mail.header("MIME-Version"), QString("1.0"));
        QCOMPARE(mail.header("Content-Type"), QString("text/plain; charset=UTF-8"));
        QCOMPARE(mail.header("Content-Transfer-Encoding"), QString("quoted-printable"));
        QVERIFY(!mail.header("Date").isEmpty());
        QCOMPARE(message.senderAddress(), std::string("Webdcr@onco-hdf.fr"));
        QCOMPARE(message.recipientAddress(), std::string("helene.martin@hopital.fr"));
    }

    void messageIdIsRandomAtTheSendersDomain()
    {
        const MimeMessage first(frenchMail(), kFrom);
        const MimeMessage second(frenchMail(), kFrom);
        const QRegularExpression shape("^<[0-9a-f]{32}@onco-hdf\\.fr>$");
        QVERIFY2(shape.match(QString::fromStdString(first.messageId())).hasMatch(),
                 first.messageId().c_str());
        QVERIFY(first.messageId() != second.messageId());
        QCOMPARE(ReceivedMail::parse(wire(first)).header("Message-ID"),
                 QString::fromStdString(first.messageId()));
    }

    // SMTP and .eml readers expect CRLF only, 7-bit text, and lines of at most 78
    // characters (76 in a quoted-printable body).
    void isSevenBitWithShortCrlfLines()
    {
        OutgoingMail mail = frenchMail();
        mail.subject = "Réinitialisation de votre mot de passe « DCC ONCO HDF » — été, "
                       "àâçéèêëîïôöùûüÿœ, et encore quelques mots accentués pour dépasser";
        mail.toName = "Marie-Thérèse de LA FONTAINE-SAINT-ÉTIENNE D'ÉPERNAY-ET-CHÂLONS";
        mail.textBody = std::string(300, 'x') + " é\r\nligne CRLF\rligne CR\nfin sans retour";
        const QByteArray text = wire(MimeMessage(mail, kFrom));
        QVERIFY(text.endsWith("\r\n"));
        const QByteArray withoutCrlf = QByteArray(text).replace("\r\n", "");
        QVERIFY(!withoutCrlf.contains('\r') && !withoutCrlf.contains('\n'));
        for (const char c : text)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
        for (const QByteArray& line : text.split('\n'))
            QVERIFY2(line.size() <= 79, line.constData()); // 78 + the CR

        const ReceivedMail decoded = ReceivedMail::parse(text);
        QCOMPARE(decoded.header("Subject"), QString::fromStdString(mail.subject));
        QCOMPARE(decoded.header("To"),
                 QString::fromStdString(mail.toName) + " <helene.martin@hopital.fr>");
        QCOMPARE(decoded.body(),
                 QString::fromStdString(std::string(300, 'x')) +
                     QString::fromUtf8(" é\nligne CRLF\nligne CR\nfin sans retour\n"));
    }

    // RFC 2047: an encoded word holds whole characters (Poco's encodeWord splits them).
    void encodedWordsHoldWholeCharacters()
    {
        const std::string text = "éééééééééééééééééééééééééééééééééééééééééééééé€€€€€€€€€";
        const QString encoded = QString::fromStdString(MimeMessage::encodeText(text));
        const QRegularExpression word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");
        auto words = word.globalMatch(encoded);
        int count = 0;
        while (words.hasNext()) {
            const auto match = words.next();
            QVERIFY(match.capturedLength() <= 75);
            const QByteArray bytes = QByteArray::fromBase64(match.captured(1).toLatin1());
            QVERIFY2(dcc::Utf8::decode(bytes.toStdString()).has_value(), bytes.constData());
            ++count;
        }
        QVERIFY(count >= 3);
        QCOMPARE(ReceivedMail::decodeHeaderValue(encoded.toLatin1()), QString::fromStdString(text));
    }

    void keepsShortAsciiTextReadable()
    {
        QCOMPARE(MimeMessage::encodeText("Votre code de connexion au DCC"),
                 std::string("Votre code de connexion au DCC"));
        // Text that would read as an encoded word is encoded.
        QVERIFY(MimeMessage::encodeText("=?UTF-8?B?eA==?=").starts_with("=?UTF-8?B?"));
    }

    void formatsMailboxes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << ""
                               << "a@b.fr";
        QTest::newRow("atoms") << "Jean DUPONT"
                               << "Jean DUPONT <a@b.fr>";
        QTest::newRow("comma") << "DUPONT, Jean"
                               << "\"DUPONT, Jean\" <a@b.fr>";
        QTest::newRow("dot") << "J. DUPONT"
                             << "\"J. DUPONT\" <a@b.fr>";
        QTest::newRow("quote and backslash") << "Jean \"JD\" \\ DUPONT"
                                             << "\"Jean \\\"JD\\\" \\\\ DUPONT\" <a@b.fr>";
        QTest::newRow("angle bracket") << "DUPONT <admin>"
                                       << "\"DUPONT <admin>\" <a@b.fr>";
        QTest::newRow("accents") << QString::fromUtf8("Hélène")
                                 << "=?UTF-8?B?SMOpbMOobmU=?= <a@b.fr>";
    }
    void formatsMailboxes()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(MimeMessage::formatMailbox(name.toStdString(), "a@b.fr")),
                 expected);
    }

    // A line break in a name or subject would add headers (Bcc: …) of the caller's choosing.
    void refusesWhatCannotBeWritten_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("subject CRLF") << "subject" << QByteArray("Code\r\nBcc: x@evil.example");
        QTest::newRow("subject LF") << "subject" << QByteArray("Code\nBcc: x@evil.example");
        QTest::newRow("name CR") << "toName" << QByteArray("Jean\rBcc: x@evil.example");
        QTest::newRow("name NUL") << "toName" << QByteArray("Jean\0X", 6);
        QTest::newRow("sender name LF") << "fromName" << QByteArray("DCC\nX-Evil: 1");
        QTest::newRow("subject not UTF-8") << "subject" << QByteArray("caf\xe9");
        QTest::newRow("body not UTF-8") << "body" << QByteArray("caf\xe9");
        QTest::newRow("body NUL") << "body" << QByteArray("a\0b", 3);
        QTest::newRow("recipient with CRLF")
            << "toAddress" << QByteArray("a@b.fr>\r\nRCPT TO:<x@evil.example");
        QTest::newRow("recipient not an address") << "toAddress" << QByteArray("jean.dupont");
        QTest::newRow("sender not an address") << "fromAddress" << QByteArray("webdcr");
    }
    void refusesWhatCannotBeWritten()
    {
        QFETCH(QString, field);
        QFETCH(QByteArray, value);
        OutgoingMail mail = frenchMail();
        MailIdentity from = kFrom;
        const std::string text = value.toStdString();
        if (field == "subject")
            mail.subject = text;
        else if (field == "toName")
            mail.toName = text;
        else if (field == "fromName")
            from.displayName = text;
        else if (field == "body")
            mail.textBody = text;
        else if (field == "toAddress")
            mail.toAddress = text;
        else
            from.address = text;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MimeMessage(mail, from));
    }
};

QTEST_APPLESS_MAIN(TestMimeMessage)
#include "TestMimeMessage.moc"
