#include "client/ui/LoginWindow.h"

#include "client/api/ApiError.h"
#include "client/backend/CardEvents.h"
#include "client/backend/CpsLogin.h"
#include "client/backend/LoginBackend.h"
#include "client/backend/OtpLogin.h"
#include "client/backend/ServerCall.h"
#include "client/backend/ServerLink.h"
#include "client/settings/ClientSettings.h"
#include "client/ui/AssistanceDialog.h"
#include "client/ui/CardMessages.h"
#include "client/ui/DiagnosticsWindow.h"
#include "client/ui/ErrorMessages.h"
#include "client/ui/ForgotPasswordDialog.h"
#include "client/ui/SettingsDialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QImageReader>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dcc::client {

namespace {

QLabel* wrappingLabel(const char* name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

// One of the PNGs below, read by Qt's built-in PNG reader only. QImageReader's default
// (format detection) first asks every image format plugin whether it reads the file, which
// loads them all (SVG, GIF, ICO, JPEG) while the window is built. A "@2x" name gives the
// image a device pixel ratio of 2.
QPixmap pngPixmap(const QString& path)
{
    QImageReader reader(path, "png");
    reader.setAutoDetectImageFormat(false);
    return QPixmap::fromImage(reader.read());
}

// A button icon from its PNGs at 1x and @2x (HiDPI), made from the SVG sources by
// scripts/render-icons.sh. Not the SVGs: they load Qt's SVG icon engine plugin before the
// window shows; and not QIcon(fileName), which probes the file's format (as above).
QIcon buttonIcon(const QString& name)
{
    QIcon icon;
    icon.addPixmap(pngPixmap(QStringLiteral(":/icons/%1.png").arg(name)));
    icon.addPixmap(pngPixmap(QStringLiteral(":/icons/%1@2x.png").arg(name)));
    return icon;
}

QPushButton* button(const char* name, QWidget* parent)
{
    auto* b = new QPushButton(parent);
    b->setObjectName(name);
    return b;
}

} // namespace

LoginWindow::LoginWindow(ClientSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    setObjectName("loginWindow");
    // No window icon of its own: the application's (main.cpp) is every window's, and
    // rendering the SVG twice at each of the window manager's sizes cost the start-up.
    build();
    retranslate();

    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &LoginWindow::tick);
}

LoginWindow::LoginWindow(ServerLink& server, OtpLogin& otp, ClientSettings& settings,
                         QWidget* parent)
    : LoginWindow(settings, parent)
{
    setLogin(server, otp);
}

void LoginWindow::setBackend(LoginBackend& backend)
{
    setLogin(backend.server(), backend.otp());
    setCardLogin(backend.cps(), backend.cards());
    setDiagnostics(
        [&backend] { return backend.diagnosticChecks(); },
        [&backend](QByteArray pin) { return backend.testSignatureCheck(std::move(pin)); });
}

void LoginWindow::setLogin(ServerLink& server, OtpLogin& otp)
{
    m_server = &server;
    m_otp = &otp;
    m_otpButton->setEnabled(!m_busy);
    m_forgotButton->setEnabled(true);

    connect(m_otp, &OtpLogin::busyChanged, this, &LoginWindow::setBusy);
    connect(m_otp, &OtpLogin::codeSent, this, &LoginWindow::onCodeSent);
    connect(m_otp, &OtpLogin::startFailed, this,
            [this](const ApiError& error) { showCredentials(ErrorMessages::forError(error)); });
    connect(m_otp, &OtpLogin::resendFailed, this, &LoginWindow::onCodeRefused);
    connect(m_otp, &OtpLogin::codeRefused, this, &LoginWindow::onCodeRefused);
    connect(m_otp, &OtpLogin::codeMalformed, this, [this] {
        codePage();
        m_codeError->setText(tr("Le code comporte 6 chiffres."));
        m_code->setFocus();
    });
    connect(m_otp, &OtpLogin::launched, this, &LoginWindow::onLaunched);

    // Once the event loop runs, i.e. after the window is shown: the first request sets up
    // TLS and the network stack, which the user should not wait for to see the window.
    QTimer::singleShot(0, this, &LoginWindow::checkServer);
}

void LoginWindow::setDiagnostics(
    std::function<dcc::diagnostics::DiagnosticsRunner::Checks()> checks,
    DiagnosticsWindow::TestSignature testSignature)
{
    m_diagnosticChecks = std::move(checks);
    m_testSignature = std::move(testSignature);
    m_diagnosticsButton->setEnabled(static_cast<bool>(m_diagnosticChecks));
}

void LoginWindow::showBackendMissing(const QString& detail)
{
    m_backendProblem = detail.isEmpty() ? QStringLiteral("?") : detail;
    m_serverState.clear();
    m_serverStatus->clear();
    showBackendProblem();
}

void LoginWindow::showBackendProblem()
{
    m_error->setText(
        tr("L'installation de DCC Login est incomplète : la connexion ne peut pas démarrer "
           "(%1). Réinstallez l'application ou contactez le support informatique.")
            .arg(m_backendProblem));
}

void LoginWindow::build()
{
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName("pages");

    // Identifier and password.
    auto* credentials = new QWidget(m_pages);
    credentials->setObjectName("credentialsPage");
    m_title = new QLabel(credentials);
    m_title->setObjectName("title");
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_identifierLabel = new QLabel(credentials);
    m_identifier = new QLineEdit(credentials);
    m_identifier->setObjectName("identifierEdit");
    m_identifierLabel->setBuddy(m_identifier);
    m_passwordLabel = new QLabel(credentials);
    m_password = new QLineEdit(credentials);
    m_password->setObjectName("passwordEdit");
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_password);
    m_otpButton = button("otpButton", credentials);
    m_otpButton->setIcon(buttonIcon(QStringLiteral("key")));
    m_otpButton->setDefault(true);
    m_otpButton->setAutoDefault(true);
    m_cpsButton = button("cpsButton", credentials);
    m_cpsButton->setIcon(buttonIcon(QStringLiteral("card")));
    m_forgotButton = button("forgotButton", credentials);
    m_forgotButton->setFlat(true);
    m_error = wrappingLabel("errorLabel", credentials);
    m_error->setStyleSheet("color: #b00020");
    m_cardStatus = wrappingLabel("cardStatusLabel", credentials);
    m_serverStatus = wrappingLabel("serverStatusLabel", credentials);
    m_assistanceButton = button("assistanceButton", credentials);
    m_settingsButton = button("settingsButton", credentials);
    m_diagnosticsButton = button("diagnosticsButton", credentials);

    auto* loginButtons = new QHBoxLayout;
    loginButtons->addWidget(m_otpButton);
    loginButtons->addWidget(m_cpsButton);
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_assistanceButton);
    footer->addWidget(m_diagnosticsButton);
    footer->addStretch();
    footer->addWidget(m_settingsButton);
    auto* credentialsLayout = new QVBoxLayout(credentials);
    credentialsLayout->addWidget(m_title);
    credentialsLayout->addWidget(m_identifierLabel);
    credentialsLayout->addWidget(m_identifier);
    credentialsLayout->addWidget(m_passwordLabel);
    credentialsLayout->addWidget(m_password);
    credentialsLayout->addLayout(loginButtons);
    credentialsLayout->addWidget(m_forgotButton, 0, Qt::AlignLeft);
    credentialsLayout->addWidget(m_error);
    credentialsLayout->addStretch();
    credentialsLayout->addWidget(m_cardStatus);
    credentialsLayout->addWidget(m_serverStatus);
    credentialsLayout->addLayout(footer);
    m_pages->addWidget(credentials);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName("progress");
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancelButton = button("cancelButton", this);
    m_cancelButton->hide();
    auto* progressLayout = new QHBoxLayout;
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_cancelButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addLayout(progressLayout);
    // Room for two-line messages (card and server lines) without clipping them.
    setMinimumSize(440, 380);

    setTabOrder(m_identifier, m_password);
    setTabOrder(m_password, m_otpButton);
    setTabOrder(m_otpButton, m_cpsButton);
    setTabOrder(m_cpsButton, m_forgotButton);

    connect(m_otpButton, &QPushButton::clicked, this, &LoginWindow::startOtp);
    connect(m_cpsButton, &QPushButton::clicked, this, &LoginWindow::startCps);
    // Off until the backend gives what each needs (setLogin(), setCardLogin(),
    // setDiagnostics()).
    m_otpButton->setEnabled(false);
    m_cpsButton->setEnabled(false);
    m_forgotButton->setEnabled(false);
    m_diagnosticsButton->setEnabled(false);
    connect(m_password, &QLineEdit::returnPressed, this, &LoginWindow::startOtp);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_otp != nullptr)
            m_otp->cancel();
        if (m_cps != nullptr && m_cps->isActive()) {
            m_cps->cancel();
            showCredentials();
        }
    });
    connect(m_forgotButton, &QPushButton::clicked, this, [this] {
        if (m_server == nullptr)
            return;
        ForgotPasswordDialog dialog(*m_server, m_identifier->text(), this);
        dialog.exec();
    });
    connect(m_diagnosticsButton, &QPushButton::clicked, this, &LoginWindow::openDiagnostics);
    connect(m_assistanceButton, &QPushButton::clicked, this, [this] {
        AssistanceDialog dialog(m_settings, this);
        dialog.exec();
    });
    connect(m_settingsButton, &QPushButton::clicked, this, [this] {
        SettingsDialog dialog(m_settings, this);
        connect(&dialog, &SettingsDialog::languageChanged, this, &LoginWindow::languageRequested);
        dialog.exec();
    });
}

QWidget* LoginWindow::codePage()
{
    if (m_codePage != nullptr)
        return m_codePage;
    // The code received by e-mail.
    m_codePage = new QWidget(m_pages);
    m_codePage->setObjectName("otpPage");
    m_channel = wrappingLabel("channelLabel", m_codePage);
    m_codeLabel = new QLabel(m_codePage);
    m_code = new QLineEdit(m_codePage);
    m_code->setObjectName("codeEdit");
    // Digits, with the spaces a mail reader or a paste may bring; 6 digits are checked on send.
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression("[0-9 \\x{00a0}]{0,12}"), m_code));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_codeLabel->setBuddy(m_code);
    m_validity = wrappingLabel("validityLabel", m_codePage);
    m_verifyButton = button("verifyButton", m_codePage);
    m_verifyButton->setDefault(true);
    m_verifyButton->setAutoDefault(true);
    m_verifyButton->setEnabled(!m_busy);
    m_resendButton = button("resendButton", m_codePage);
    m_codeError = wrappingLabel("codeErrorLabel", m_codePage);
    m_codeError->setStyleSheet("color: #b00020");
    m_advice = wrappingLabel("adviceLabel", m_codePage);
    m_backButton = button("backButton", m_codePage);
    auto* codeButtons = new QHBoxLayout;
    codeButtons->addWidget(m_backButton);
    codeButtons->addStretch();
    codeButtons->addWidget(m_resendButton);
    codeButtons->addWidget(m_verifyButton);
    auto* codeLayout = new QVBoxLayout(m_codePage);
    codeLayout->addWidget(m_channel);
    codeLayout->addWidget(m_codeLabel);
    codeLayout->addWidget(m_code);
    codeLayout->addWidget(m_validity);
    codeLayout->addWidget(m_codeError);
    codeLayout->addWidget(m_advice);
    codeLayout->addStretch();
    codeLayout->addLayout(codeButtons);
    m_pages->addWidget(m_codePage);

    connect(m_code, &QLineEdit::returnPressed, m_verifyButton, &QPushButton::click);
    connect(m_verifyButton, &QPushButton::clicked, this, [this] {
        m_codeError->clear();
        m_otp->verify(m_code->text());
    });
    connect(m_resendButton, &QPushButton::clicked, this, [this] {
        m_codeError->clear();
        m_otp->resend();
    });
    connect(m_backButton, &QPushButton::clicked, this, [this] {
        m_otp->cancel();
        showCredentials();
    });
    retranslateCodePage();
    return m_codePage;
}

QWidget* LoginWindow::donePage()
{
    if (m_donePage != nullptr)
        return m_donePage;
    // Logged in.
    m_donePage = new QWidget(m_pages);
    m_donePage->setObjectName("donePage");
    m_done = wrappingLabel("doneLabel", m_donePage);
    m_restartButton = button("restartButton", m_donePage);
    auto* doneLayout = new QVBoxLayout(m_donePage);
    doneLayout->addWidget(m_done);
    doneLayout->addStretch();
    doneLayout->addWidget(m_restartButton, 0, Qt::AlignRight);
    m_pages->addWidget(m_donePage);

    connect(m_restartButton, &QPushButton::clicked, this, [this] { showCredentials(); });
    retranslateDonePage();
    return m_donePage;
}

QWidget* LoginWindow::cardPage()
{
    if (m_cardPage != nullptr)
        return m_cardPage;
    // The card: insert it, see whose it is, type the PIN (or on the reader).
    m_cardPage = new QWidget(m_pages);
    m_cardPage->setObjectName("cardPage");
    m_cardPrompt = wrappingLabel("cardPromptLabel", m_cardPage);
    m_holder = wrappingLabel("holderLabel", m_cardPage);
    QFont holderFont = m_holder->font();
    holderFont.setBold(true);
    m_holder->setFont(holderFont);
    m_pinLabel = new QLabel(m_cardPage);
    m_pin = new QLineEdit(m_cardPage);
    m_pin->setObjectName("pinEdit");
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), m_pin));
    m_pinLabel->setBuddy(m_pin);
    m_pinState = wrappingLabel("pinStateLabel", m_cardPage);
    m_pinState->setStyleSheet("color: #b00020");
    m_cardError = wrappingLabel("cardErrorLabel", m_cardPage);
    m_cardError->setStyleSheet("color: #b00020");
    m_pinOk = button("pinOkButton", m_cardPage);
    m_pinOk->setDefault(true);
    m_pinOk->setEnabled(false);
    m_cardBackButton = button("cardBackButton", m_cardPage);
    auto* cardButtons = new QHBoxLayout;
    cardButtons->addWidget(m_cardBackButton);
    cardButtons->addStretch();
    cardButtons->addWidget(m_pinOk);
    auto* cardLayout = new QVBoxLayout(m_cardPage);
    cardLayout->addWidget(m_cardPrompt);
    cardLayout->addWidget(m_holder);
    cardLayout->addWidget(m_pinLabel);
    cardLayout->addWidget(m_pin);
    cardLayout->addWidget(m_pinState);
    cardLayout->addWidget(m_cardError);
    cardLayout->addStretch();
    cardLayout->addLayout(cardButtons);
    m_pages->addWidget(m_cardPage);

    // OK only when the PIN has as many digits as the card takes.
    connect(m_pin, &QLineEdit::textChanged, this, [this](const QString& pin) {
        m_pinOk->setEnabled(pin.size() >= m_minPin && pin.size() <= m_maxPin);
    });
    connect(m_pin, &QLineEdit::returnPressed, m_pinOk, &QPushButton::click);
    connect(m_pinOk, &QPushButton::clicked, this, [this] {
        if (m_cps == nullptr || !m_pinOk->isEnabled())
            return;
        QByteArray pin = m_pin->text().toLatin1();
        m_pin->clear(); // the other copy goes to the card worker, which wipes it after use
        m_cardError->clear();
        m_pinOk->setEnabled(false);
        m_cps->submitPin(std::move(pin));
    });
    connect(m_cardBackButton, &QPushButton::clicked, this, [this] {
        if (m_cps != nullptr)
            m_cps->cancel();
        showCredentials();
    });
    retranslateCardPage();
    return m_cardPage;
}

void LoginWindow::retranslate()
{
    setWindowTitle(tr("DCC Login — connexion au DCC"));
    m_title->setText(tr("Connexion au DCC"));
    m_identifierLabel->setText(tr("&Identifiant"));
    m_identifier->setPlaceholderText(tr("ex. : j.dupont"));
    m_identifier->setAccessibleName(tr("Identifiant"));
    m_passwordLabel->setText(tr("&Mot de passe"));
    m_password->setAccessibleName(tr("Mot de passe"));
    m_otpButton->setText(tr("Se connecter"));
    m_otpButton->setAccessibleName(tr("Se connecter avec un code reçu par e-mail"));
    m_otpButton->setToolTip(tr("Un code à 6 chiffres vous est envoyé par e-mail."));
    m_cpsButton->setText(tr("Carte CPS"));
    m_cpsButton->setAccessibleName(tr("Se connecter avec la carte CPS"));
    m_forgotButton->setText(tr("Mot de passe oublié ?"));
    m_assistanceButton->setText(tr("Assistance"));
    m_diagnosticsButton->setText(tr("Diagnostic"));
    m_settingsButton->setText(tr("Paramètres"));
    m_cancelButton->setText(tr("Annuler"));
    // Until the backend module is loaded: a few tenths of a second after the window shows.
    if (m_server == nullptr && m_backendProblem.isEmpty())
        m_serverState = tr("Préparation de la connexion…");
    if (m_codePage != nullptr)
        retranslateCodePage();
    if (m_donePage != nullptr)
        retranslateDonePage();
    if (m_cardPage != nullptr)
        retranslateCardPage();
    m_serverStatus->setText(m_serverState);
    if (!m_backendProblem.isEmpty())
        showBackendProblem();
}

void LoginWindow::retranslateCodePage()
{
    m_codeLabel->setText(tr("Code &OTP"));
    m_code->setAccessibleName(tr("Code OTP"));
    m_code->setPlaceholderText(tr("6 chiffres"));
    m_verifyButton->setText(tr("S'authentifier"));
    m_backButton->setText(tr("Retour"));
    if (!m_maskedChannel.isEmpty())
        m_channel->setText(tr("Votre canal de réception : %1").arg(m_maskedChannel));
    tick();
}

void LoginWindow::retranslateDonePage()
{
    m_restartButton->setText(tr("Se reconnecter"));
}

void LoginWindow::retranslateCardPage()
{
    m_pinLabel->setText(tr("Code &PIN de la carte CPS"));
    m_pin->setAccessibleName(tr("Code PIN de la carte CPS"));
    m_pinOk->setText(tr("Valider"));
    m_cardBackButton->setText(tr("Retour"));
}

void LoginWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LoginWindow::setCardStatus(const QString& text)
{
    m_cardStatus->setText(text);
}

void LoginWindow::checkServer()
{
    m_serverState = tr("Serveur : vérification…");
    m_serverStatus->setText(m_serverState);
    ServerCall* call = m_server->info();
    connect(call, &ServerCall::succeeded, this, [this](const QJsonObject& info) {
        m_serverState =
            tr("Serveur : disponible (version %1)").arg(info.value("version").toString());
        m_serverStatus->setText(m_serverState);
    });
    connect(call, &ServerCall::failed, this, [this](const ApiError& error) {
        m_serverState = tr("Serveur : %1").arg(ErrorMessages::forError(error));
        m_serverStatus->setText(m_serverState);
    });
}

void LoginWindow::showCredentials(const QString& error)
{
    m_ticker->stop();
    m_pages->setCurrentIndex(0);
    m_error->setText(error);
    m_password->clear();
    (m_identifier->text().isEmpty() ? m_identifier : m_password)->setFocus();
}

void LoginWindow::startOtp()
{
    // Enter in the password field while the backend is not there yet (or missing).
    if (m_otp == nullptr || !m_otpButton->isEnabled())
        return;
    m_error->clear();
    if (m_identifier->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_error->setText(tr("Saisissez votre identifiant et votre mot de passe."));
        return;
    }
    // Passwords are compared byte for byte: send the canonical composition of what was typed.
    m_otp->start(m_identifier->text(), m_password->text().normalized(QString::NormalizationForm_C));
}

void LoginWindow::onCodeSent(const QString& channel, int expiresIn, int resendIn)
{
    m_maskedChannel = channel;
    QWidget* page = codePage();
    m_channel->setText(tr("Votre canal de réception : %1").arg(channel));
    const QDateTime now = m_now();
    m_codeExpiry = now.addSecs(expiresIn);
    m_resendAllowed = now.addSecs(resendIn);
    m_code->clear();
    m_codeError->clear();
    m_advice->clear();
    m_pages->setCurrentWidget(page);
    m_code->setFocus();
    m_ticker->start();
    tick();
}

void LoginWindow::onCodeRefused(const ApiError& error)
{
    codePage();
    m_codeError->setText(ErrorMessages::forError(error));
    // The guide's advice when the connection fails.
    m_advice->setText(
        tr("Vérifiez que l'adresse affichée sous « Votre canal de réception » est bien la vôtre, "
           "et consultez vos courriers indésirables si vous ne recevez pas le code. Le code est "
           "valable 10 minutes : demandez-en un nouveau si nécessaire."));
    if (error.code() == ErrorCode::FlowExpired) {
        showCredentials(ErrorMessages::forError(error));
        return;
    }
    m_code->selectAll();
    m_code->setFocus();
}

void LoginWindow::onLaunched(const QUrl&, const QString& displayName, bool browserStarted)
{
    m_ticker->stop();
    m_displayName = displayName;
    m_browserStarted = browserStarted;
    m_password->clear();
    QWidget* page = donePage();
    m_done->setText(
        browserStarted ? tr("Bienvenue, %1. Le DCC s'ouvre dans votre navigateur.").arg(displayName)
                       : tr("Bienvenue, %1. Le navigateur n'a pas pu être ouvert : "
                            "reconnectez-vous pour obtenir un nouveau lien.")
                             .arg(displayName));
    m_restartButton->setVisible(true);
    m_pages->setCurrentWidget(page);
}

void LoginWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_otpButton->setEnabled(!busy && m_otp != nullptr);
    if (m_codePage == nullptr)
        return;
    m_verifyButton->setEnabled(!busy);
    tick();
}

void LoginWindow::tick()
{
    if (m_codePage == nullptr || !m_codeExpiry.isValid())
        return;
    const QDateTime now = m_now();
    const qint64 left = std::max<qint64>(0, now.secsTo(m_codeExpiry));
    m_validity->setText(
        left > 0 ? tr("Code valable encore %1:%2").arg(left / 60).arg(left % 60, 2, 10, QChar('0'))
                 : tr("Ce code a expiré : demandez-en un nouveau."));
    const qint64 wait = std::max<qint64>(0, now.secsTo(m_resendAllowed));
    m_resendButton->setEnabled(wait == 0 && (m_otp == nullptr || !m_otp->isBusy()));
    m_resendButton->setText(wait > 0 ? tr("Recevoir un nouveau code (%1 s)").arg(wait)
                                     : tr("Recevoir un nouveau code"));
}

void LoginWindow::setCardLogin(CpsLogin& cps, CardEvents& cards)
{
    m_cps = &cps;
    m_cpsButton->setEnabled(true);
    connect(&cards, &CardEvents::readersChanged, this, [this](const QStringList& readers) {
        setCardStatus(readers.isEmpty() ? CardMessages::noReader() : CardMessages::insertCard());
    });
    connect(&cards, &CardEvents::cardInserted, this,
            [this](const QString& reader, const QByteArray&, dcc::CardType type) {
                setCardStatus(CardMessages::forCard(type, reader));
            });
    connect(&cards, &CardEvents::cardRemoved, this,
            [this](const QString&) { setCardStatus(CardMessages::insertCard()); });
    connect(&cards, &CardEvents::serviceStopped, this,
            [this](const dcc::card::CardError&) { setCardStatus(CardMessages::serviceStopped()); });
    connect(&cards, &CardEvents::serviceRecovered, this,
            [this] { setCardStatus(CardMessages::insertCard()); });

    connect(&cps, &CpsLogin::busyChanged, this, &LoginWindow::setBusy);
    connect(&cps, &CpsLogin::startFailed, this,
            [this](const ApiError& error) { showCredentials(ErrorMessages::forError(error)); });
    connect(&cps, &CpsLogin::waitingForCard, this,
            [this](const dcc::card::CardError& why) { showCardPage(CardMessages::forError(why)); });
    connect(&cps, &CpsLogin::pinRequested, this, &LoginWindow::onPinRequested);
    connect(&cps, &CpsLogin::pinPadStarted, this,
            [this] { showCardPage(tr("Saisissez votre code sur le lecteur.")); });
    connect(&cps, &CpsLogin::cardFailed, this, &LoginWindow::onCardFailed);
    connect(&cps, &CpsLogin::verifyFailed, this,
            [this](const ApiError& error) { showCredentials(ErrorMessages::forError(error)); });
    connect(&cps, &CpsLogin::launched, this, &LoginWindow::onLaunched);
    // Once the event loop runs, i.e. after the window is shown: the card threads and the
    // PC/SC connection would otherwise compete with the first paint for the CPU. A card
    // request made before then starts the service itself.
    QTimer::singleShot(0, &cards, &CardEvents::start);
}

void LoginWindow::startCps()
{
    m_error->clear();
    if (m_cps == nullptr)
        return;
    if (m_identifier->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_error->setText(tr("Saisissez votre identifiant et votre mot de passe."));
        return;
    }
    m_cps->start(m_identifier->text(), m_password->text().normalized(QString::NormalizationForm_C));
}

void LoginWindow::showCardPage(const QString& prompt)
{
    QWidget* page = cardPage();
    m_cardPrompt->setText(prompt);
    m_holder->clear();
    m_pinState->clear();
    m_cardError->clear();
    m_pin->hide();
    m_pinLabel->hide();
    m_pinOk->hide();
    m_pages->setCurrentWidget(page);
}

void LoginWindow::onPinRequested(const dcc::card::TokenInfo& token)
{
    showCardPage(tr("Carte CPS de :"));
    m_holder->setText(token.holder.profession.isEmpty()
                          ? token.holder.displayName()
                          : tr("%1 — %2").arg(token.holder.displayName(), token.holder.profession));
    m_minPin = token.minPinLength > 0 ? token.minPinLength : 4;
    m_maxPin = token.maxPinLength >= m_minPin ? std::min(token.maxPinLength, 12) : m_minPin;
    m_pinState->setText(CardMessages::forPinState(token.pinState));
    const bool typed = !token.pinState.pinPad && !token.pinState.isLocked();
    m_pin->setVisible(typed);
    m_pinLabel->setVisible(typed);
    m_pinOk->setVisible(typed);
    m_pin->clear();
    m_pin->setFocus();
}

void LoginWindow::onCardFailed(const dcc::card::CardError& error)
{
    using Code = dcc::card::CardError::Code;
    cardPage();
    m_cardError->setText(CardMessages::forError(error));
    const Code code = error.code();
    const bool retry = code == Code::PinIncorrect || code == Code::PinIncorrectFinalTry ||
                       code == Code::PinInvalid || code == Code::PinPadCancelled;
    m_pin->setVisible(retry);
    m_pinLabel->setVisible(retry);
    m_pinOk->setVisible(retry);
    if (retry)
        m_pin->setFocus();
}

void LoginWindow::openDiagnostics()
{
    // One window, kept: its last report stays there when support asks for it again.
    if (!m_diagnosticChecks)
        return;
    auto* window = findChild<DiagnosticsWindow*>();
    if (!window) {
        window = new DiagnosticsWindow(dcc::diagnostics::DiagnosticContext::fromSettings(
                                           m_settings, QCoreApplication::applicationVersion()),
                                       m_diagnosticChecks(), m_testSignature, this);
        window->runAll();
    }
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace dcc::client
