#pragma once

#include "client/ui/DiagnosticsWindow.h"

#include <QDateTime>
#include <QUrl>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace dcc::card {
class CardError;
struct TokenInfo;
} // namespace dcc::card

namespace dcc::client {

class ApiError;
class CardEvents;
class ClientSettings;
class CpsLogin;
class LoginBackend;
class OtpLogin;
class ServerLink;

/// The window a health professional opens every day: identifier and password, then the
/// e-mailed code (the guide's section 3), and the hand-off to the browser. Widgets carry
/// object names so that tests drive them as a user would.
///
/// It is shown before the code that talks to the server and the card is loaded (the backend
/// module, LoginBackend): until setBackend() or setLogin(), the login buttons are off and
/// the status line says it is getting ready; showBackendMissing() when the module could not
/// be loaded.
class LoginWindow : public QWidget
{
    Q_OBJECT

public:
    /// Waiting for setBackend() (or setLogin() and the others).
    explicit LoginWindow(ClientSettings& settings, QWidget* parent = nullptr);
    /// With the code login already there (tests, benchmarks: no module).
    LoginWindow(ServerLink& server, OtpLogin& otp, ClientSettings& settings,
                QWidget* parent = nullptr);

    /// Everything the module built: the code and card logins, the card line, the diagnostics.
    /// The backend must outlive the window.
    void setBackend(LoginBackend& backend);
    /// The code login, the server line and the forgotten password.
    void setLogin(ServerLink& server, OtpLogin& otp);
    /// The card login and the live card line; without them the card button stays off.
    void setCardLogin(CpsLogin& cps, CardEvents& cards);
    /// The diagnostics window's checks; without them the "Diagnostic" button stays off.
    void setDiagnostics(std::function<dcc::diagnostics::DiagnosticsRunner::Checks()> checks,
                        DiagnosticsWindow::TestSignature testSignature);
    /// The backend module could not be loaded (`detail`: the loader's English message, for
    /// support): says so instead of waiting for it forever.
    void showBackendMissing(const QString& detail);

    /// The clock of the countdowns (validity, resend): tests move it with the server's.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

public Q_SLOTS:
    /// The live line about readers and cards (filled by the card layer).
    void setCardStatus(const QString& text);

Q_SIGNALS:
    /// The user chose another language in the settings (the application switches it).
    void languageRequested(const QString& language);

protected:
    void changeEvent(QEvent* event) override;

private:
    void build();
    // The pages behind the credentials page are built on first use: the window shows
    // sooner, and most starts never need the card page. Each returns its page, built once.
    QWidget* codePage();
    QWidget* donePage();
    QWidget* cardPage();
    void retranslate();
    void retranslateCodePage();
    void retranslateDonePage();
    void retranslateCardPage();
    void checkServer();
    void showCredentials(const QString& error = {});
    void startOtp();
    void onCodeSent(const QString& channel, int expiresIn, int resendIn);
    void onCodeRefused(const ApiError& error);
    void onLaunched(const QUrl& url, const QString& displayName, bool browserStarted);
    void setBusy(bool busy);
    void tick();
    void startCps();
    void showCardPage(const QString& prompt);
    void onPinRequested(const dcc::card::TokenInfo& token);
    void onCardFailed(const dcc::card::CardError& error);
    void openDiagnostics();
    void showBackendProblem();

    ServerLink* m_server = nullptr;
    OtpLogin* m_otp = nullptr;
    ClientSettings& m_settings;
    std::function<dcc::diagnostics::DiagnosticsRunner::Checks()> m_diagnosticChecks;
    DiagnosticsWindow::TestSignature m_testSignature;
    QString m_backendProblem; // the loader's message when the module is missing

    QStackedWidget* m_pages = nullptr;
    // Credentials page
    QLabel* m_title = nullptr;
    QLabel* m_identifierLabel = nullptr;
    QLineEdit* m_identifier = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_otpButton = nullptr;
    QPushButton* m_cpsButton = nullptr;
    QPushButton* m_forgotButton = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_cardStatus = nullptr;
    QLabel* m_serverStatus = nullptr;
    QPushButton* m_assistanceButton = nullptr;
    QPushButton* m_settingsButton = nullptr;
    QPushButton* m_diagnosticsButton = nullptr;
    // Code page (built on first use, as the two below)
    QWidget* m_codePage = nullptr;
    QLabel* m_channel = nullptr;
    QLabel* m_codeLabel = nullptr;
    QLineEdit* m_code = nullptr;
    QLabel* m_validity = nullptr;
    QPushButton* m_resendButton = nullptr;
    QPushButton* m_verifyButton = nullptr;
    QLabel* m_codeError = nullptr;
    QLabel* m_advice = nullptr;
    QPushButton* m_backButton = nullptr;
    // Done page
    QWidget* m_donePage = nullptr;
    QLabel* m_done = nullptr;
    QPushButton* m_restartButton = nullptr;
    // Card page
    QWidget* m_cardPage = nullptr;
    QLabel* m_cardPrompt = nullptr;
    QLabel* m_holder = nullptr;
    QLabel* m_pinLabel = nullptr;
    QLineEdit* m_pin = nullptr;
    QLabel* m_pinState = nullptr;
    QPushButton* m_pinOk = nullptr;
    QLabel* m_cardError = nullptr;
    QPushButton* m_cardBackButton = nullptr;
    CpsLogin* m_cps = nullptr;
    int m_minPin = 4;
    int m_maxPin = 4;
    // Progress
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
    bool m_busy = false; // for the buttons of a page built while a request runs

    QTimer* m_ticker = nullptr;
    std::function<QDateTime()> m_now = [] {
        return QDateTime::currentDateTimeUtc();
    };
    QString m_maskedChannel;
    QDateTime m_codeExpiry;
    QDateTime m_resendAllowed;
    QString m_displayName;
    bool m_browserStarted = true;
    QString m_serverState;
};

} // namespace dcc::client
