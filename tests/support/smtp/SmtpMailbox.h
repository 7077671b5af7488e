#pragma once

#include "tests/support/TestPaths.h"
#include "tests/support/smtp/ReceivedMail.h"

#include <QList>
#include <QSet>
#include <QString>

namespace dcc::test {

/// The test SMTP server that tests/support/smtp/start-smtp.sh started into a directory
/// (CTest fixtures `smtp` and `smtp_tls`), and the mails it received.
///
/// Only mails that arrive after the object is made count, so tests sharing one server
/// do not see each other's earlier mails. waitForMail() waits on the Maildir with an event
/// loop: it needs a QCoreApplication (QTEST_GUILESS_MAIN).
class SmtpMailbox
{
public:
    /// The plain server of the `smtp` fixture.
    static QString plainDirectory() { return QStringLiteral(DCC_TEST_SMTP_DIR); }
    /// STARTTLS (required) with AUTH of user() / password(), fixture `smtp_tls`.
    static QString startTlsDirectory() { return plainDirectory() + QStringLiteral("/starttls"); }
    /// TLS from the first byte, fixture `smtp_tls`.
    static QString implicitTlsDirectory() { return plainDirectory() + QStringLiteral("/smtps"); }
    /// The throw-away CA that issued the TLS servers' certificate (DNS:localhost only).
    static QString tlsCaFile() { return plainDirectory() + QStringLiteral("/tls/ca.pem"); }

    /// Reads `directory`/smtp.env; throws std::runtime_error when there is no server.
    explicit SmtpMailbox(const QString& directory = plainDirectory());

    [[nodiscard]] const QString& host() const { return m_host; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] const QString& user() const { return m_user; }
    [[nodiscard]] const QString& password() const { return m_password; }

    /// The newest mail for `toAddress` (envelope recipient, case-insensitive) among those
    /// that arrived since this object was made; a null ReceivedMail after `timeoutMs`.
    ReceivedMail waitForMail(const QString& toAddress, int timeoutMs = 5000);
    /// Every mail that arrived since this object was made, oldest first.
    [[nodiscard]] QList<ReceivedMail> received() const;

private:
    [[nodiscard]] QStringList arrivedFiles() const;

    QString m_maildir;
    QString m_host;
    quint16 m_port = 0;
    QString m_user;
    QString m_password;
    QSet<QString> m_before;
};

} // namespace dcc::test
