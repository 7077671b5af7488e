#include "tests/server/ApiAssertions.h"
#include "tests/support/BrowserScript.h"
#include "tests/support/ServerProcess.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <Poco/JSON/Object.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using dcc::test::BrowserScript;
using dcc::test::HttpTestClient;
using dcc::test::ReceivedMail;
using dcc::test::ServerProcess;

namespace {

constexpr auto kOldPassword = "Soleil-2024";
constexpr auto kWeak = "soleil";
constexpr auto kStrong = "Printemps-2025";

QMap<QString, QString> ruleStates(const QJsonObject& step)
{
    QMap<QString, QString> states;
    for (const QJsonValue& rule : step.value("rules").toArray())
        states.insert(rule.toObject().value("rule").toString(),
                      rule.toObject().value("state").toString());
    return states;
}

QStringList errorRules(const QJsonObject& step)
{
    QStringList rules;
    for (const QJsonValue& error : step.value("errors").toArray())
        rules << error.toObject().value("rule").toString();
    return rules;
}

} // namespace

/// The whole reset as a user lives it: the mailed link opened in Chromium, a weak password
/// typed (the rules tick live, the server refuses it with the unmet rules), then a good
/// one; the new password logs in, the old one no longer does.
class TestResetInBrowser : public QObject
{
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;

    QString mailedLink()
    {
        HttpTestClient client(m_server->baseUrl());
        Poco::JSON::Object body;
        body.set("identifier", "j.dupont");
        const qsizetype before = m_server->outboxMessages().size();
        if (client.postJson("/api/v1/password/forgot", body).status != 202)
            return {};
        const QStringList mails = m_server->waitForOutboxMessages(before + 1);
        QFile file(mails.last());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QString text = ReceivedMail::parse(file.readAll()).body();
        return QRegularExpression("http://\\S+/reset\\?token=[A-Za-z0-9_-]+")
            .match(text)
            .captured(0);
    }

    int loginStatus(const std::string& password)
    {
        HttpTestClient client(m_server->baseUrl());
        Poco::JSON::Object body;
        body.set("identifier", "j.dupont");
        body.set("password", password);
        return client.postJson("/api/v1/auth/otp", body).status;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        const auto added = m_server->runCli(
            {"user", "add", "j.dupont", "--email=jean.dupont@hopital.fr", "--name=Jean DUPONT"},
            QByteArray(kOldPassword) + "\n");
        QCOMPARE(added.exitCode, 0);
        m_server->start();
    }
    void cleanup() { m_server.reset(); }

    void resetWithJavaScript()
    {
        const QString link = mailedLink();
        QVERIFY2(link.startsWith(m_server->baseUrl() + "/reset?token="), qPrintable(link));
        const QJsonObject seen = BrowserScript::run("reset-password.mjs", {link, kWeak, kStrong});

        const QJsonObject initial = seen.value("initial").toObject();
        QCOMPARE(initial.value("status").toInt(), 200);
        QCOMPARE(initial.value("lang").toString(), QString("fr"));
        QCOMPARE(ruleStates(initial).value("min_length"), QString("unmet"));

        // Ticked live as the user types "soleil": lower case only.
        const auto afterWeak = ruleStates(seen.value("afterWeak").toObject());
        QCOMPARE(afterWeak.value("lowercase"), QString("met"));
        QCOMPARE(afterWeak.value("uppercase"), QString("unmet"));
        QCOMPARE(afterWeak.value("min_length"), QString("unmet"));
        QCOMPARE(afterWeak.value("digit_or_special"), QString("unmet"));

        // The server refuses it and says why.
        const QJsonObject weakSubmit = seen.value("afterWeakSubmit").toObject();
        QCOMPARE(weakSubmit.value("status").toInt(), 400);
        QCOMPARE(errorRules(weakSubmit),
                 QStringList({"min_length", "uppercase", "digit_or_special"}));
        QVERIFY(weakSubmit.value("passwordFieldsEmpty").toBool());

        const auto afterStrong = ruleStates(seen.value("afterStrong").toObject());
        for (const char* rule :
             {"min_length", "uppercase", "lowercase", "digit_or_special", "max_length"})
            QCOMPARE(afterStrong.value(rule), QString("met"));
        const QJsonObject strongSubmit = seen.value("afterStrongSubmit").toObject();
        QCOMPARE(strongSubmit.value("status").toInt(), 200);
        QVERIFY(strongSubmit.value("done").toBool());
        QCOMPARE(seen.value("consoleErrors").toArray().size(), 0); // no CSP violation, no error

        QCOMPARE(loginStatus(kOldPassword), 401);
        QCOMPARE(loginStatus(kStrong), 200);
        // The token never reaches the log.
        QVERIFY(!m_server->output().contains(link.mid(link.indexOf("token=") + 6)));
    }

    void resetWithoutJavaScript()
    {
        const QString link = mailedLink();
        const QJsonObject seen =
            BrowserScript::run("reset-password.mjs", {"--no-javascript", link, kWeak, kStrong});
        QCOMPARE(ruleStates(seen.value("afterWeak").toObject()).value("lowercase"),
                 QString("unmet"));
        QCOMPARE(seen.value("afterWeakSubmit").toObject().value("status").toInt(), 400);
        QCOMPARE(errorRules(seen.value("afterWeakSubmit").toObject()),
                 QStringList({"min_length", "uppercase", "digit_or_special"}));
        QVERIFY(seen.value("afterStrongSubmit").toObject().value("done").toBool());
        QCOMPARE(loginStatus(kStrong), 200);
    }
};

QTEST_GUILESS_MAIN(TestResetInBrowser)
#include "TestResetInBrowser.moc"
