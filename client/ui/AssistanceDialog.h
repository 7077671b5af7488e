#pragma once

#include <QDialog>

namespace dcc::client {

class ClientSettings;

/// The guide's section 6, "Assistance et support", with the contact the administrator set.
class AssistanceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AssistanceDialog(ClientSettings& settings, QWidget* parent = nullptr);
};

} // namespace dcc::client
