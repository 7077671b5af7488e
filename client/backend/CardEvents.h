#pragma once

#include "client/backend/CoreExport.h"
#include "client/card/CardError.h"
#include "common/Atr.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

namespace dcc::client {

/// The readers and cards as the window's card line shows them. CardService implements it in
/// the backend module, from its PC/SC monitor thread; the signals live here, once (see
/// OtpLogin).
class DCC_CLIENT_CORE_EXPORT CardEvents : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~CardEvents() override;

    /// Starts watching the readers. Further calls do nothing.
    virtual void start() = 0;

Q_SIGNALS:
    void readersChanged(const QStringList& readers);
    void cardInserted(const QString& reader, const QByteArray& atr, dcc::CardType type);
    void cardRemoved(const QString& reader);
    /// The PC/SC service stopped (or never ran); serviceRecovered() when it is back.
    void serviceStopped(const dcc::card::CardError& error);
    void serviceRecovered();
};

} // namespace dcc::client
