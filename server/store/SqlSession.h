#pragma once

#include "server/store/DatabaseSettings.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <string>
#include <string_view>

namespace dcc::server {

/// A database connection as the stores see it. Store SQL is written once, in the subset
/// SQLite and PostgreSQL share, with `?` placeholders; this is where it is adapted to the
/// driver (PostgreSQL numbers its placeholders `$1, $2, …`). Use it like Poco's session:
/// `session << "SELECT … WHERE id = ?", bind(id), into(x), now;`.
class SqlSession
{
public:
    SqlSession(Poco::Data::Session& session, SqlDriver driver)
        : m_session(session)
        , m_driver(driver)
    {}

    Poco::Data::Statement operator<<(std::string_view sql);

    [[nodiscard]] SqlDriver driver() const noexcept { return m_driver; }

    /// `?` placeholders outside quoted literals become `$1, $2, …`.
    static std::string numberPlaceholders(std::string_view sql);

private:
    Poco::Data::Session& m_session;
    SqlDriver m_driver;
};

} // namespace dcc::server
