#include "server/mail/FileMailer.h"
#include "server/mail/MailUnavailable.h"
#include "server/mail/OtpMail.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

using dcc::server::FileMailer;
using dcc::server::MailIdentity;
using dcc::server::MailUnavailable;
using dcc::server::OtpMail;
using dcc::server::OutgoingMail;
using dcc::test::ReceivedMail;

namespace {

const MailIdentity kFrom{"Webdcr@onco-hdf.fr", "DCC ONCO HDF"};

// Every entry of the outbox, hidden ones included (a temporary file would be hidden).
QStringList entries(const QString& outbox)
{
    return QDir(outbox).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                                  QDir::NoDotAndDotDot);
}

ReceivedMail read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return ReceivedMail::parse(file.readAll(), path);
}

} // namespace

class TestFileMailer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesOneEmlPerMail()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString outbox = dir.filePath("var/mail.outbox");
        FileMailer mailer(outbox.toStdString(), kFrom);
        mailer.send({"jean.dupont@hopital.fr", "Jean DUPONT", "Premier", "Un\n"});
        mailer.send({"helene.martin@hopital.fr", "Hélène MARTIN", "Deuxième — été",
                     "Bonjour Hélène,\n\n482916\n"});

        const QStringList files = entries(outbox);
        QCOMPARE(files.size(), 2); // and no temporary file left
        const QRegularExpression name("^\\d{8}T\\d{6}Z-[0-9a-f]{16}\\.eml$");
        for (const QString& file : files)
            QVERIFY2(name.match(file).hasMatch(), qPrintable(file));

        ReceivedMail second;
        for (const QString& file : files) {
            const ReceivedMail mail = read(QDir(outbox).filePath(file));
            if (mail.header("To").contains("helene.martin@hopital.fr"))
                second = mail;
        }
        QVERIFY(!second.isNull());
        QCOMPARE(second.header("From"), QString("DCC ONCO HDF <Webdcr@onco-hdf.fr>"));
        QCOMPARE(second.header("To"),
                 QString::fromUtf8("Hélène MARTIN <helene.martin@hopital.fr>"));
        QCOMPARE(second.header("Subject"), QString::fromUtf8("Deuxième — été"));
        QCOMPARE(second.header("Content-Type"), QString("text/plain; charset=UTF-8"));
        QCOMPARE(second.header("Content-Transfer-Encoding"), QString("quoted-printable"));
        QVERIFY(!second.header("Date").isEmpty());
        QVERIFY(!second.header("Message-ID").isEmpty());
        QCOMPARE(second.body(), QString::fromUtf8("Bonjour Hélène,\n\n482916\n"));
    }

    // The mails hold login codes: only the server's user may read them.
    void keepsTheOutboxPrivate()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path outbox = dir.filePath("outbox").toStdString();
        FileMailer(outbox, kFrom).send({"a@hopital.fr", "", "S", "B"});
        namespace fs = std::filesystem;
        QCOMPARE(fs::status(outbox).permissions(), fs::perms::owner_all);
        for (const auto& entry : fs::directory_iterator(outbox)) {
            QCOMPARE(entry.status().permissions(), fs::perms::owner_read | fs::perms::owner_write);
        }
    }

    void sendsTheOtpMailIntact()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const OutgoingMail mail = OtpMail(OtpMail::defaultTemplate(), "DCC ONCO HDF")
                                      .compose("jean.dupont@hopital.fr", "Jean DUPONT", "042917");
        FileMailer(dir.path().toStdString(), kFrom).send(mail);
        const QStringList files = entries(dir.path());
        QCOMPARE(files.size(), 1);
        const ReceivedMail received = read(dir.filePath(files.first()));
        QCOMPARE(received.body(), QString::fromStdString(mail.textBody));
        QCOMPARE(received.header("Subject"), QString("Votre code de connexion au DCC"));
    }

    void manyThreadsWriteDistinctFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FileMailer mailer(dir.path().toStdString(), kFrom);
        constexpr int kThreads = 8;
        constexpr int kMailsPerThread = 4;
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kMailsPerThread; ++i) {
                    try {
                        mailer.send(
                            {"user" + std::to_string(t) + "-" + std::to_string(i) + "@hopital.fr",
                             "", "S", "B"});
                    } catch (...) {
                        ++failures;
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(entries(dir.path()).size(), kThreads * kMailsPerThread);
    }

    // chmod does not stop root; an outbox below a regular file cannot be made by anyone.
    void unwritableOutboxIsMailUnavailable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath("afile"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        FileMailer mailer(dir.filePath("afile/outbox").toStdString(), kFrom);
        try {
            mailer.send({"jean.dupont@hopital.fr", "Jean DUPONT", "S", "code 482916"});
            QFAIL("no MailUnavailable");
        } catch (const MailUnavailable& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.contains("afile/outbox"), qPrintable(message));
            QVERIFY2(!message.contains("482916"), qPrintable(message));
        }
    }

    // Whatever fails, send() throws MailUnavailable: the caller undoes its flow on that.
    void unwritableMailIsMailUnavailable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FileMailer mailer(dir.path().toStdString(), kFrom);
        QVERIFY_THROWS_EXCEPTION(MailUnavailable,
                                 mailer.send({"jean.dupont", "Jean DUPONT", "S", "B"}));
        QVERIFY_THROWS_EXCEPTION(
            MailUnavailable,
            mailer.send({"jean.dupont@hopital.fr", "Jean\r\nBcc: x@evil.example", "S", "B"}));
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void refusesABadSenderAtConstruction()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 FileMailer("/tmp/unused", MailIdentity{"webdcr", "DCC"}));
    }
};

QTEST_APPLESS_MAIN(TestFileMailer)
#include "TestFileMailer.moc"
