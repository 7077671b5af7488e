#include "client/ui/ForgotPasswordDialog.h"

#include "client/api/ApiError.h"
#include "client/backend/ServerCall.h"
#include "client/backend/ServerLink.h"
#include "client/ui/ErrorMessages.h"
#include "common/Identifier.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace dcc::client {

ForgotPasswordDialog::ForgotPasswordDialog(ServerLink& api, const QString& identifier,
                                           QWidget* parent)
    : QDialog(parent)
    , m_api(api)
{
    setObjectName("forgotPasswordDialog");
    setWindowTitle(tr("Mot de passe oublié"));
    auto* intro = new QLabel(tr("Saisissez votre identifiant DCC, qui reste inchangé :"), this);
    intro->setWordWrap(true);
    m_identifier = new QLineEdit(identifier, this);
    m_identifier->setObjectName("forgotIdentifierEdit");
    m_identifier->setAccessibleName(tr("Identifiant DCC"));
    m_identifier->setPlaceholderText(
        tr("Initiale du prénom + point + nom d'usage, ex. : j.dupont"));
    auto* hint =
        new QLabel(tr("Initiale du prénom + point + nom d'usage. Exemple : j.dupont"), this);
    hint->setObjectName("forgotHintLabel");
    hint->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName("forgotMessageLabel");
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(this);
    m_validate = buttons->addButton(tr("Valider"), QDialogButtonBox::AcceptRole);
    m_validate->setObjectName("forgotValidateButton");
    m_validate->setDefault(true);
    QPushButton* close = buttons->addButton(tr("Fermer"), QDialogButtonBox::RejectRole);
    close->setObjectName("forgotCloseButton");
    connect(m_validate, &QPushButton::clicked, this, &ForgotPasswordDialog::submit);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_identifier);
    layout->addWidget(hint);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

void ForgotPasswordDialog::submit()
{
    const auto identifier = Identifier::parse(m_identifier->text().toStdString());
    if (!identifier) {
        m_message->setText(tr("Cet identifiant n'a pas la forme attendue : initiale du prénom, "
                              "point, nom d'usage (ex. : j.dupont)."));
        return;
    }
    m_validate->setEnabled(false);
    m_message->setText(tr("Envoi de la demande…"));
    ServerCall* call = m_api.forgotPassword(QString::fromStdString(identifier->value()));
    connect(call, &ServerCall::succeeded, this, [this] {
        m_message->setText(tr("Un e-mail de réinitialisation vous a été envoyé à l'adresse "
                              "professionnelle enregistrée pour votre compte. L'envoi peut "
                              "prendre jusqu'à 1 minute. Ouvrez le lien qu'il contient pour "
                              "choisir un nouveau mot de passe."));
    });
    connect(call, &ServerCall::failed, this, [this](const ApiError& error) {
        m_message->setText(ErrorMessages::forError(error));
        m_validate->setEnabled(true);
    });
}

} // namespace dcc::client
