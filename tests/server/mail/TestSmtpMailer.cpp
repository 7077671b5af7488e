#include "server/mail/MailUnavailable.h"
#include "server/mail/SmtpMailer.h"
#include "tests/support/smtp/SmtpMailbox.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using dcc::server::MailIdentity;
using dcc::server::MailUnavailable;
using dcc::server::OutgoingMail;
using dcc::server::SmtpMailer;
using dcc::server::SmtpSettings;
using dcc::test::ReceivedMail;
using dcc::test::SmtpMailbox;
using Security = SmtpSettings::Security;

namespace {

const MailIdentity kFrom{"Webdcr@onco-hdf.fr", "DCC ONCO HDF"};
constexpr int kArrivalTimeoutMs = 5000;

SmtpSettings settingsFor(const SmtpMailbox& box, Security security, const QString& host = {})
{
    SmtpSettings settings;
    settings.host = host.isEmpty() ? box.host().toStdString() : host.toStdString();
    settings.port = box.port();
    settings.security = security;
    settings.timeout = std::chrono::milliseconds(3000);
    if (security != Security::None)
        settings.caFile = SmtpMailbox::tlsCaFile().toStdString();
    return settings;
}

OutgoingMail mailTo(const std::string& address, const std::string& code = "482916")
{
    return {address, "Hélène MARTIN-ÉTIENNE", "Votre code de connexion — accès à l'été",
            "Bonjour Hélène,\n\nVotre code :\n\n" + code + "\n\nÀ bientôt.\n"};
}

// The message of the MailUnavailable that send() throws, or "" when it throws none.
QString sendFailure(SmtpMailer& mailer, const OutgoingMail& mail)
{
    try {
        mailer.send(mail);
    } catch (const MailUnavailable& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// A port with nothing listening on it: the kernel picks a free one, which is then closed.
quint16 closedPort()
{
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const quint16 port = probe.address().port();
    probe.close();
    return port;
}

} // namespace

class TestSmtpMailer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversAFrenchMail()
    {
        SmtpMailbox box;
        SmtpMailer mailer(settingsFor(box, Security::None), kFrom);
        mailer.send(mailTo("helene.martin@hopital.fr"));

        const ReceivedMail mail = box.waitForMail("helene.martin@hopital.fr", kArrivalTimeoutMs);
        QVERIFY2(!mail.isNull(), "the mail did not arrive");
        QCOMPARE(mail.header("From"), QString("DCC ONCO HDF <Webdcr@onco-hdf.fr>"));
        QCOMPARE(mail.header("To"),
                 QString::fromUtf8("Hélène MARTIN-ÉTIENNE <helene.martin@hopital.fr>"));
        QCOMPARE(mail.header("Subject"),
                 QString::fromUtf8("Votre code de connexion — accès à l'été"));
        QCOMPARE(mail.header("X-MailFrom"), QString("Webdcr@onco-hdf.fr"));
        QCOMPARE(mail.header("Content-Type"), QString("text/plain; charset=UTF-8"));
        QVERIFY(!mail.header("Date").isEmpty());
        QVERIFY(!mail.header("Message-ID").isEmpty());
        QVERIFY(mail.body().split('\n').contains("482916"));
        QVERIFY(mail.body().contains(QString::fromUtf8("À bientôt.")));
        // Only that recipient got it.
        QVERIFY(box.waitForMail("jean.dupont@hopital.fr", 100).isNull());
        QCOMPARE(box.received().size(), 1);
    }

    // send() is called from several HTTP worker threads at once; over TLS they share one
    // TLS context.
    void deliversFromManyThreadsAtOnce_data()
    {
        QTest::addColumn<bool>("overTls");
        QTest::newRow("plain") << false;
        QTest::newRow("starttls with auth") << true;
    }
    void deliversFromManyThreadsAtOnce()
    {
        QFETCH(bool, overTls);
        SmtpMailbox box(overTls ? SmtpMailbox::startTlsDirectory() : SmtpMailbox::plainDirectory());
        SmtpSettings settings = overTls ? settingsFor(box, Security::StartTls, "localhost")
                                        : settingsFor(box, Security::None);
        settings.user = box.user().toStdString();
        settings.password = box.password().toStdString();
        SmtpMailer mailer(settings, kFrom);
        constexpr int kThreads = 8;
        constexpr int kMailsPerThread = 2;
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kMailsPerThread; ++i) {
                    const std::string address =
                        "user" + std::to_string(t) + "-" + std::to_string(i) + "@hopital.fr";
                    try {
                        mailer.send(mailTo(address, std::to_string(100000 + t * 10 + i)));
                    } catch (const std::exception& e) {
                        qWarning("%s", e.what());
                        ++failures;
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        for (int t = 0; t < kThreads; ++t) {
            for (int i = 0; i < kMailsPerThread; ++i) {
                const QString address = QString("user%1-%2@hopital.fr").arg(t).arg(i);
                const ReceivedMail mail = box.waitForMail(address, kArrivalTimeoutMs);
                QVERIFY2(!mail.isNull(), qPrintable(address));
                QVERIFY(mail.body().contains(QString::number(100000 + t * 10 + i)));
            }
        }
        // Other suites share this SMTP server: count only this test's recipients.
        const auto received = box.received();
        const auto ours =
            std::count_if(received.begin(), received.end(), [](const ReceivedMail& m) {
                return m.header("To").contains(
                    QRegularExpression("user[0-9]+-[0-9]+@hopital\\.fr"));
            });
        QCOMPARE(ours, kThreads * kMailsPerThread);
    }

    void serverDownFailsFast()
    {
        SmtpSettings settings;
        settings.host = "127.0.0.1";
        settings.port = closedPort();
        settings.security = Security::None;
        SmtpMailer mailer(settings, kFrom);
        QElapsedTimer timer;
        timer.start();
        const QString message = sendFailure(mailer, mailTo("jean.dupont@hopital.fr"));
        const qint64 elapsed = timer.elapsed();
        qInfo("SMTP server down: MailUnavailable after %.2f ms",
              static_cast<double>(timer.nsecsElapsed()) / 1e6);
        QVERIFY2(!message.isEmpty(), "no MailUnavailable");
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
        QVERIFY2(message.contains(QString("127.0.0.1:%1").arg(settings.port)), qPrintable(message));
        QVERIFY2(!message.contains("482916"), qPrintable(message));
    }

    // A server that accepts the connection and then says nothing (hung, or a firewall that
    // swallows the traffic): each step is bounded by the timeout, TLS handshake included.
    void silentServerTimesOut_data()
    {
        QTest::addColumn<int>("security");
        QTest::newRow("none") << int(Security::None);
        QTest::newRow("starttls") << int(Security::StartTls);
        QTest::newRow("tls") << int(Security::ImplicitTls);
    }
    void silentServerTimesOut()
    {
        QFETCH(int, security);
        // Listening but never accepting: the kernel completes the TCP handshake anyway.
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        SmtpSettings settings;
        settings.host = "localhost";
        settings.port = silent.address().port();
        settings.security = static_cast<Security>(security);
        settings.timeout = std::chrono::milliseconds(400);
        SmtpMailer mailer(settings, kFrom);
        QElapsedTimer timer;
        timer.start();
        const QString message = sendFailure(mailer, mailTo("jean.dupont@hopital.fr"));
        const qint64 elapsed = timer.elapsed();
        qInfo("silent SMTP server, timeout 400 ms: MailUnavailable after %lld ms", elapsed);
        QVERIFY2(message.contains("no answer within 400 ms"), qPrintable(message));
        QVERIFY2(elapsed >= 350 && elapsed < 1200, qPrintable(QString::number(elapsed)));
    }

    // Configured for STARTTLS, the mailer never sends in clear text to a server that does
    // not offer it.
    void startTlsIsNeverDowngraded()
    {
        SmtpMailbox box;
        SmtpMailer mailer(settingsFor(box, Security::StartTls), kFrom);
        const QString message = sendFailure(mailer, mailTo("jean.dupont@hopital.fr"));
        QVERIFY2(message.contains("does not offer STARTTLS"), qPrintable(message));
        // The server stores a mail before it answers the data: none was stored.
        QVERIFY(box.received().isEmpty());
    }

    void startTlsDeliversWithAuthentication()
    {
        SmtpMailbox box(SmtpMailbox::startTlsDirectory());
        SmtpSettings settings = settingsFor(box, Security::StartTls, "localhost");
        settings.user = box.user().toStdString();
        settings.password = box.password().toStdString();
        SmtpMailer mailer(settings, kFrom);
        mailer.send(mailTo("jean.dupont@hopital.fr"));
        const ReceivedMail mail = box.waitForMail("jean.dupont@hopital.fr", kArrivalTimeoutMs);
        QVERIFY2(!mail.isNull(), "the mail did not arrive");
        QCOMPARE(mail.header("X-Authenticated-User"), box.user());
        QCOMPARE(mail.header("Subject"),
                 QString::fromUtf8("Votre code de connexion — accès à l'été"));
    }

    void implicitTlsDelivers()
    {
        SmtpMailbox box(SmtpMailbox::implicitTlsDirectory());
        SmtpMailer mailer(settingsFor(box, Security::ImplicitTls, "localhost"), kFrom);
        mailer.send(mailTo("jean.dupont@hopital.fr"));
        const ReceivedMail mail = box.waitForMail("jean.dupont@hopital.fr", kArrivalTimeoutMs);
        QVERIFY2(!mail.isNull(), "the mail did not arrive");
        QVERIFY(mail.body().split('\n').contains("482916"));
    }

    // The test servers' certificate is for DNS:localhost, issued by the test CA.
    void refusesWhatTlsDoesNotProve_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<int>("security");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("trustTestCa");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("cause");
        const QString startTls = SmtpMailbox::startTlsDirectory();
        const QString implicit = SmtpMailbox::implicitTlsDirectory();
        const int starttls = int(Security::StartTls);
        const int tls = int(Security::ImplicitTls);
        QTest::newRow("starttls, CA not trusted")
            << startTls << starttls << "localhost" << false << ""
            << "local issuer";
        QTest::newRow("starttls, name not in the certificate")
            << startTls << starttls << "127.0.0.1" << true << ""
            << "mismatch";
        QTest::newRow("starttls, wrong password")
            << startTls << starttls << "localhost" << true << "Wrong-Passw0rd"
            << "AUTH PLAIN";
        QTest::newRow("tls, CA not trusted") << implicit << tls << "localhost" << false << ""
                                             << "local issuer";
        QTest::newRow("tls, name not in the certificate")
            << implicit << tls << "127.0.0.1" << true << ""
            << "mismatch";
        QTest::newRow("tls to a starttls port") << startTls << tls << "localhost" << true << ""
                                                << "TLS failed";
    }
    void refusesWhatTlsDoesNotProve()
    {
        QFETCH(QString, server);
        QFETCH(int, security);
        QFETCH(QString, host);
        QFETCH(bool, trustTestCa);
        QFETCH(QString, password);
        QFETCH(QString, cause);
        SmtpMailbox box(server);
        SmtpSettings settings = settingsFor(box, static_cast<Security>(security), host);
        if (!trustTestCa)
            settings.caFile.clear();
        if (!password.isEmpty()) {
            settings.user = box.user().toStdString();
            settings.password = password.toStdString();
        }
        SmtpMailer mailer(settings, kFrom);
        const QString message = sendFailure(mailer, mailTo("jean.dupont@hopital.fr"));
        QVERIFY2(message.contains(cause), qPrintable(message));
        QVERIFY2(password.isEmpty() || !message.contains(password), qPrintable(message));
        QVERIFY(box.received().isEmpty());
    }

    // A mail that cannot be written is refused before a byte goes to the server, and as
    // MailUnavailable like any other failure.
    void unwritableMailIsRefusedBeforeSending()
    {
        SmtpMailbox box;
        SmtpMailer mailer(settingsFor(box, Security::None), kFrom);
        OutgoingMail injected = mailTo("jean.dupont@hopital.fr");
        injected.subject = "Code\r\nBcc: x@evil.example";
        const QString message = sendFailure(mailer, injected);
        QVERIFY2(message.contains("cannot be written"), qPrintable(message));
        QVERIFY2(sendFailure(mailer, mailTo("jean.dupont")).contains("cannot be written"),
                 "recipient");
        QVERIFY(box.received().isEmpty());
    }

    void refusesSettingsThatCannotWork()
    {
        SmtpSettings clearCredentials;
        clearCredentials.security = Security::None;
        clearCredentials.user = "dcc-mailer";
        clearCredentials.password = "secret";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmtpMailer(clearCredentials, kFrom));

        SmtpSettings missingCa;
        missingCa.caFile = "/nonexistent/ca.pem";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmtpMailer(missingCa, kFrom));

        SmtpSettings noTimeout;
        noTimeout.timeout = std::chrono::milliseconds(0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SmtpMailer(noTimeout, kFrom));

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 SmtpMailer(SmtpSettings{}, MailIdentity{"webdcr", "DCC"}));
    }
};

QTEST_GUILESS_MAIN(TestSmtpMailer)
#include "TestSmtpMailer.moc"
