#include "tests/server/TestDatabases.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace dcc::test {

bool TestDatabases::onPostgreSQL()
{
    return qEnvironmentVariable("DCC_TEST_DATABASE") == QLatin1String("postgresql");
}

std::string TestDatabases::clusterConnection()
{
    const QString file = qEnvironmentVariable("DCC_TEST_POSTGRESQL_CONNECTION");
    QFile in(file);
    if (file.isEmpty() || !in.open(QIODevice::ReadOnly))
        throw std::runtime_error("DCC_TEST_POSTGRESQL_CONNECTION does not name a readable file "
                                 "(is the postgresql fixture running?): " +
                                 file.toStdString());
    return QString::fromUtf8(in.readAll()).trimmed().toStdString();
}

dcc::server::DatabaseSettings TestDatabases::fresh(const std::string& sqliteFile)
{
    dcc::server::DatabaseSettings settings;
    if (!onPostgreSQL()) {
        settings.location = sqliteFile;
        return settings;
    }
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
    static std::atomic<int> counter{0};
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    const std::string cluster = clusterConnection();
    Poco::Data::Session admin(Poco::Data::PostgreSQL::Connector::KEY, cluster);
    admin << "CREATE SCHEMA " + schema, now;
    settings.driver = dcc::server::SqlDriver::PostgreSQL;
    settings.location = cluster + " options=-csearch_path=" + schema;
    return settings;
}

} // namespace dcc::test
