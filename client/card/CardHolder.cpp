#include "client/card/CardHolder.h"

#include <QStringList>

namespace dcc::card {

QString CardHolder::displayName() const
{
    const QString name = QStringList{givenName, surname}.join(QLatin1Char(' ')).trimmed();
    return name.isEmpty() ? commonName : name;
}

} // namespace dcc::card
