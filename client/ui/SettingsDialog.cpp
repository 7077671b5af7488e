#include "client/ui/SettingsDialog.h"

#include "client/settings/ClientSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace dcc::client {

namespace {

// A field shows a locked setting read-only, and says who fixed it.
void showLock(QWidget* field, bool locked)
{
    field->setEnabled(!locked);
    if (locked)
        field->setToolTip(SettingsDialog::tr("Fixé par votre administrateur"));
}

} // namespace

SettingsDialog::SettingsDialog(ClientSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    using Key = ClientSettings::Key;
    setObjectName("settingsDialog");
    setWindowTitle(tr("Paramètres"));

    m_server = new QLineEdit(settings.value(Key::ServerUrl).value.toString(), this);
    m_server->setObjectName("serverUrlEdit");
    showLock(m_server, settings.isLocked(Key::ServerUrl));
    m_module = new QLineEdit(settings.value(Key::Pkcs11Module).value.toString(), this);
    m_module->setObjectName("pkcs11ModuleEdit");
    m_module->setPlaceholderText(tr("Automatique (Cryptolib CPS, puis OpenSC)"));
    showLock(m_module, settings.isLocked(Key::Pkcs11Module));
    m_language = new QComboBox(this);
    m_language->setObjectName("languageCombo");
    m_language->addItem(tr("Langue du système"), QString());
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(settings.value(Key::Language).value.toString())));
    showLock(m_language, settings.isLocked(Key::Language));
    m_serverCa = new QLineEdit(settings.value(Key::ServerCa).value.toString(), this);
    m_serverCa->setObjectName("serverCaEdit");
    m_serverCa->setPlaceholderText(tr("Aucune (magasin du système)"));
    showLock(m_serverCa, settings.isLocked(Key::ServerCa));
    m_message = new QLabel(this);
    m_message->setObjectName("settingsMessageLabel");
    m_message->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Adresse du serveur"), m_server);
    form->addRow(tr("Module PKCS#11"), m_module);
    form->addRow(tr("Langue"), m_language);
    form->addRow(tr("Certificat d'autorité du serveur"), m_serverCa);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName("settingsSaveButton");
    buttons->button(QDialogButtonBox::Save)->setText(tr("Enregistrer"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Annuler"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

void SettingsDialog::save()
{
    using Key = ClientSettings::Key;
    const QString language = m_language->currentData().toString();
    const bool languageChanged = language != m_settings.value(Key::Language).value.toString();
    const bool connectionChanged =
        (!m_settings.isLocked(Key::ServerUrl) &&
         m_server->text().trimmed() != m_settings.string(Key::ServerUrl)) ||
        (!m_settings.isLocked(Key::ServerCa) &&
         m_serverCa->text().trimmed() != m_settings.string(Key::ServerCa));
    QStringList refused;
    auto store = [&](Key key, const QString& value, const QString& name) {
        if (m_settings.isLocked(key) || m_settings.value(key).value.toString() == value)
            return;
        if (!m_settings.setValue(key, value))
            refused << name;
    };
    store(Key::ServerUrl, m_server->text().trimmed(), tr("adresse du serveur"));
    store(Key::Pkcs11Module, m_module->text().trimmed(), tr("module PKCS#11"));
    store(Key::Language, language, tr("langue"));
    store(Key::ServerCa, m_serverCa->text().trimmed(), tr("certificat d'autorité"));
    if (!refused.isEmpty()) {
        m_message->setText(tr("Valeur refusée : %1.").arg(refused.join(", ")));
        return;
    }
    if (languageChanged)
        Q_EMIT this->languageChanged(language);
    if (connectionChanged) {
        // The connection in use is not swapped under a login in progress.
        QMessageBox::information(this, tr("Paramètres"),
                                 tr("La nouvelle adresse du serveur et le nouveau certificat "
                                    "d'autorité seront utilisés au prochain démarrage de DCC "
                                    "Login."));
    }
    accept();
}

} // namespace dcc::client
