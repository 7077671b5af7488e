#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace dcc::client {

class ServerLink;

/// "Mot de passe oublié ?" (the guide's section 5, steps 2 and 3): the identifier, with the
/// guide's hint, then the confirmation that a mail is on its way.
class ForgotPasswordDialog : public QDialog
{
    Q_OBJECT

public:
    ForgotPasswordDialog(ServerLink& api, const QString& identifier, QWidget* parent = nullptr);

private:
    void submit();

    ServerLink& m_api;
    QLineEdit* m_identifier = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_validate = nullptr;
};

} // namespace dcc::client
