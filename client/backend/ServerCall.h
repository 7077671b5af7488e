#pragma once

#include "client/api/ApiError.h"
#include "client/backend/CoreExport.h"

#include <QJsonObject>
#include <QObject>

namespace dcc::client {

/// One request to the server as the window sees it: it ends with exactly one signal, once,
/// succeeded() with the JSON answer or failed() with an ApiError. ApiCall (client/api) is
/// the one that goes over the network and says who deletes it; this base carries only the
/// outcome, so that the executable that shows the window does not link Qt Network
/// (docs/BENCHMARKS.md, client (a)).
class DCC_CLIENT_CORE_EXPORT ServerCall : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~ServerCall() override;

Q_SIGNALS:
    void succeeded(const QJsonObject& body);
    void failed(const dcc::client::ApiError& error);
};

} // namespace dcc::client
