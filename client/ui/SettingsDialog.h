#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QLabel;

namespace dcc::client {

class ClientSettings;

/// The settings a user may change: server, PKCS#11 module, language, extra CA. A setting
/// fixed by the administrator is shown, read-only, with who fixed it.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(ClientSettings& settings, QWidget* parent = nullptr);

Q_SIGNALS:
    void languageChanged(const QString& language);

private:
    void save();

    ClientSettings& m_settings;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_module = nullptr;
    QComboBox* m_language = nullptr;
    QLineEdit* m_serverCa = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace dcc::client
