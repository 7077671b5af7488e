#include "common/ErrorCode.h"

#include <QtTest>

using dcc::ErrorCode;
using dcc::ErrorCodes;

Q_DECLARE_METATYPE(ErrorCode)

class TestErrorCodes : public QObject
{
    Q_OBJECT

private slots:
    // DESIGN.md's protocol table: each code with its HTTP status.
    void matchesTheProtocolTable_data()
    {
        QTest::addColumn<ErrorCode>("error");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("invalid_request") << ErrorCode::InvalidRequest << "invalid_request" << 400;
        QTest::newRow("request_timeout") << ErrorCode::RequestTimeout << "request_timeout" << 408;
        QTest::newRow("payload_too_large")
            << ErrorCode::PayloadTooLarge << "payload_too_large" << 413;
        QTest::newRow("unsupported_media_type")
            << ErrorCode::UnsupportedMediaType << "unsupported_media_type" << 415;
        QTest::newRow("not_found") << ErrorCode::NotFound << "not_found" << 404;
        QTest::newRow("method_not_allowed")
            << ErrorCode::MethodNotAllowed << "method_not_allowed" << 405;
        QTest::newRow("invalid_credentials")
            << ErrorCode::InvalidCredentials << "invalid_credentials" << 401;
        QTest::newRow("rate_limited") << ErrorCode::RateLimited << "rate_limited" << 429;
        QTest::newRow("flow_expired") << ErrorCode::FlowExpired << "flow_expired" << 410;
        QTest::newRow("invalid_code") << ErrorCode::InvalidCode << "invalid_code" << 400;
        QTest::newRow("code_expired") << ErrorCode::CodeExpired << "code_expired" << 410;
        QTest::newRow("too_many_attempts")
            << ErrorCode::TooManyAttempts << "too_many_attempts" << 429;
        QTest::newRow("certificate_rejected")
            << ErrorCode::CertificateRejected << "certificate_rejected" << 401;
        QTest::newRow("signature_invalid")
            << ErrorCode::SignatureInvalid << "signature_invalid" << 401;
        QTest::newRow("card_not_bound") << ErrorCode::CardNotBound << "card_not_bound" << 403;
        QTest::newRow("password_policy") << ErrorCode::PasswordPolicy << "password_policy" << 400;
        QTest::newRow("token_expired") << ErrorCode::TokenExpired << "token_expired" << 410;
        QTest::newRow("unauthorized") << ErrorCode::Unauthorized << "unauthorized" << 401;
        QTest::newRow("mail_unavailable")
            << ErrorCode::MailUnavailable << "mail_unavailable" << 503;
        QTest::newRow("service_unavailable")
            << ErrorCode::ServiceUnavailable << "service_unavailable" << 503;
        QTest::newRow("internal_error") << ErrorCode::InternalError << "internal_error" << 500;
    }
    void matchesTheProtocolTable()
    {
        QFETCH(ErrorCode, error);
        QFETCH(QString, code);
        QFETCH(int, status);
        QCOMPARE(QString::fromLatin1(ErrorCodes::code(error)), code);
        QCOMPARE(ErrorCodes::httpStatus(error), status);
        QCOMPARE(ErrorCodes::fromCode(code.toStdString()), error);
    }

    void unknownCodesAreNotGuessed()
    {
        QVERIFY(!ErrorCodes::fromCode("").has_value());
        QVERIFY(!ErrorCodes::fromCode("INVALID_REQUEST").has_value());
        QVERIFY(!ErrorCodes::fromCode("something_new").has_value());
    }
};

QTEST_APPLESS_MAIN(TestErrorCodes)
#include "TestErrorCodes.moc"
