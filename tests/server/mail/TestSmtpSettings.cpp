#include "server/mail/SmtpSettings.h"

#include <QtTest>

#include <stdexcept>

using dcc::server::SmtpSettings;

class TestSmtpSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSecurity_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("security");
        QTest::newRow("none") << "none" << int(SmtpSettings::Security::None);
        QTest::newRow("starttls") << "starttls" << int(SmtpSettings::Security::StartTls);
        QTest::newRow("tls") << "tls" << int(SmtpSettings::Security::ImplicitTls);
        QTest::newRow("upper case and spaces")
            << " STARTTLS " << int(SmtpSettings::Security::StartTls);
    }
    void parsesSecurity()
    {
        QFETCH(QString, text);
        QFETCH(int, security);
        const auto parsed = SmtpSettings::parseSecurity(text.toStdString());
        QCOMPARE(int(parsed), security);
        QCOMPARE(SmtpSettings::parseSecurity(SmtpSettings::securityName(parsed)), parsed);
    }

    void refusesOtherSecurities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("ssl") << "ssl";
        QTest::newRow("plain") << "plain";
        QTest::newRow("start-tls") << "start-tls";
        QTest::newRow("tls1.2") << "tls1.2";
    }
    void refusesOtherSecurities()
    {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 SmtpSettings::parseSecurity(text.toStdString()));
    }

    void defaultsAreSafe()
    {
        const SmtpSettings settings;
        QCOMPARE(int(settings.security), int(SmtpSettings::Security::StartTls));
        QCOMPARE(settings.timeout, std::chrono::milliseconds(10000));
    }
};

QTEST_APPLESS_MAIN(TestSmtpSettings)
#include "TestSmtpSettings.moc"
