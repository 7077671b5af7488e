#include "client/app/Translations.h"
#include "client/ui/ErrorMessages.h"
#include "common/ErrorCode.h"

#include <QJsonObject>
#include <QtTest>

using dcc::client::ApiError;
using dcc::client::ErrorMessages;

/// What the user reads for each protocol error code: every code a user can meet has its
/// own sentence; only the codes that mean a bug in the client get the generic sentence
/// with the code, for the support desk.
class TestErrorMessages : public QObject
{
    Q_OBJECT

    static QString messageFor(const QString& code, int status)
    {
        QJsonObject body{{"error", code}, {"message", "English text never shown"}};
        return ErrorMessages::forError(ApiError::protocol(status, body, "test"));
    }

private Q_SLOTS:
    void initTestCase() { dcc::client::Translations::apply("fr"); }

    void eachCodeAUserMeetsHasItsSentence_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("words");
        QTest::newRow("invalid_credentials") << "invalid_credentials" << 401 << "incorrect";
        QTest::newRow("rate_limited") << "rate_limited" << 429 << "Trop de tentatives";
        QTest::newRow("flow_expired") << "flow_expired" << 410 << "a expiré";
        QTest::newRow("invalid_code") << "invalid_code" << 400 << "Code incorrect";
        QTest::newRow("code_expired") << "code_expired" << 410 << "10 minutes";
        QTest::newRow("too_many_attempts") << "too_many_attempts" << 429 << "Trop de codes";
        QTest::newRow("mail_unavailable") << "mail_unavailable" << 503 << "e-mail";
        QTest::newRow("certificate_rejected") << "certificate_rejected" << 401 << "certificat";
        QTest::newRow("signature_invalid") << "signature_invalid" << 401 << "signature";
        QTest::newRow("card_not_bound") << "card_not_bound" << 403 << "pas associée";
        QTest::newRow("password_policy") << "password_policy" << 400 << "doit contenir";
        QTest::newRow("token_expired") << "token_expired" << 410 << "réinitialisation";
        QTest::newRow("service_unavailable") << "service_unavailable" << 503 << "indisponible";
        QTest::newRow("request_timeout") << "request_timeout" << 408 << "pas arrivée en entier";
    }
    void eachCodeAUserMeetsHasItsSentence()
    {
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(QString, words);
        QVERIFY(dcc::ErrorCodes::fromCode(code.toStdString()).has_value());
        const QString message = messageFor(code, status);
        QVERIFY2(message.contains(words), qPrintable(message));
        QVERIFY2(!message.contains(code), qPrintable(message));
    }

    void englishHasItsOwnSentence()
    {
        dcc::client::Translations::apply("en");
        const QString message = messageFor("request_timeout", 408);
        dcc::client::Translations::apply("fr");
        QVERIFY2(message.startsWith("Your request did not reach the server whole"),
                 qPrintable(message));
    }

    void aClientBugShowsTheGenericSentenceWithItsCode()
    {
        const QString message = messageFor("unsupported_media_type", 415);
        QVERIFY2(message.startsWith("Une erreur est survenue (unsupported_media_type)"),
                 qPrintable(message));
    }
};

QTEST_MAIN(TestErrorMessages)
#include "TestErrorMessages.moc"
