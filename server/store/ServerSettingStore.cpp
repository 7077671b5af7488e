#include "server/store/ServerSettingStore.h"

#include "server/store/Database.h"

using namespace Poco::Data::Keywords;

namespace dcc::server {

std::string ServerSettingStore::claim(const std::string& name, const std::string& value)
{
    std::string held;
    m_database.write([&](SqlSession& session) {
        session << "INSERT INTO server_settings (name, value) VALUES (?, ?) "
                   "ON CONFLICT (name) DO NOTHING",
            bind(name), bind(value), now;
        session << "SELECT value FROM server_settings WHERE name = ?", bind(name), into(held), now;
    });
    return held;
}

} // namespace dcc::server
