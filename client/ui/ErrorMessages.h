#pragma once

#include "client/api/ApiError.h"

#include <QCoreApplication>
#include <QString>

namespace dcc::client {

/// The user's words for what went wrong: every protocol error code and transport failure
/// has its own translated sentence, with what to do next. The server's English message is
/// never shown.
class ErrorMessages
{
    Q_DECLARE_TR_FUNCTIONS(ErrorMessages)

public:
    static QString forError(const ApiError& error);
};

} // namespace dcc::client
