#include "server/store/SqlSession.h"

namespace dcc::server {

Poco::Data::Statement SqlSession::operator<<(std::string_view sql)
{
    if (m_driver == SqlDriver::PostgreSQL)
        return m_session << numberPlaceholders(sql);
    return m_session << std::string(sql);
}

std::string SqlSession::numberPlaceholders(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int number = 0;
    char quote = 0; // inside '…' or "…": a question mark there is text, not a parameter
    for (const char c : sql) {
        if (quote != 0) {
            if (c == quote)
                quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++number);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace dcc::server
