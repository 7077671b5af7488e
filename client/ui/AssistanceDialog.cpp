#include "client/ui/AssistanceDialog.h"

#include "client/settings/ClientSettings.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace dcc::client {

AssistanceDialog::AssistanceDialog(ClientSettings& settings, QWidget* parent)
    : QDialog(parent)
{
    setObjectName("assistanceDialog");
    setWindowTitle(tr("Assistance et support"));
    auto* text = new QLabel(
        tr("En cas de difficulté de connexion (code OTP ou carte CPS) ou de problème de compte, "
           "contactez directement le référent RCP de votre organisation de RCP ou 3C.\n\n"
           "Ce référent est votre interlocuteur privilégié pour :\n"
           "• la création ou la modification de votre compte utilisateur ;\n"
           "• la vérification de votre adresse e-mail ou de vos droits d'accès ;\n"
           "• toute question liée à la connexion au DCC."),
        this);
    text->setObjectName("assistanceText");
    text->setWordWrap(true);
    auto* contact = new QLabel(this);
    contact->setObjectName("supportContactLabel");
    contact->setWordWrap(true);
    contact->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString configured = settings.value(ClientSettings::Key::SupportContact).value.toString();
    contact->setText(configured.isEmpty() ? QString() : tr("Votre contact : %1").arg(configured));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(contact);
    layout->addWidget(buttons);
}

} // namespace dcc::client
