#include "server/store/SqlSession.h"

#include "server/store/SqliteStatementCache.h"
#include "server/store/StoreError.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <sqlite3.h>

namespace dcc::server {

namespace {

// Gives the statement back reset, bindings cleared, whatever happens: a statement left
// mid-way would keep its read snapshot open and hold back WAL checkpoints.
class StatementRun
{
public:
    explicit StatementRun(sqlite3_stmt* statement)
        : m_statement(statement)
    {}
    ~StatementRun()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
    StatementRun(const StatementRun&) = delete;
    StatementRun& operator=(const StatementRun&) = delete;

private:
    sqlite3_stmt* m_statement;
};

[[noreturn]] void fail(sqlite3* connection, int status, std::string_view sql)
{
    std::string message = std::string(sqlite3_errmsg(connection)) + " (" + std::string(sql) + ")";
    if ((status & 0xff) == SQLITE_CONSTRAINT)
        throw StoreConflict(message);
    throw StoreUnavailable(message);
}

void bindAll(sqlite3* connection, sqlite3_stmt* statement, std::string_view sql,
             std::initializer_list<SqlParam> params)
{
    if (sqlite3_bind_parameter_count(statement) != static_cast<int>(params.size()))
        throw StoreUnavailable(
            "SQL with " + std::to_string(sqlite3_bind_parameter_count(statement)) +
            " parameters given " + std::to_string(params.size()) + " values: " + std::string(sql));
    int index = 0;
    for (const SqlParam& param : params) {
        ++index;
        int status = SQLITE_OK;
        if (const auto* integer = std::get_if<std::int64_t>(&param))
            status = sqlite3_bind_int64(statement, index, *integer);
        else if (const auto* text = std::get_if<std::string_view>(&param))
            // STATIC: the text outlives the statement's run (reset before returning).
            status = sqlite3_bind_text(statement, index, text->data(),
                                       static_cast<int>(text->size()), SQLITE_STATIC);
        else
            status = sqlite3_bind_null(statement, index);
        if (status != SQLITE_OK)
            fail(connection, status, sql);
    }
}

SqlRow::Cell sqliteCell(sqlite3_stmt* statement, int column, std::string_view sql)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
        return nullptr;
    case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
        return std::string(bytes != nullptr ? bytes : "",
                           static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    default: // no column of the schema is REAL
        throw StoreUnavailable("result column " + std::to_string(column) +
                               " holds a real number: " + std::string(sql));
    }
}

SqlRow::Cell pocoCell(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row)
{
    if (rows.isNull(column, row))
        return nullptr;
    const Poco::Dynamic::Var& value = rows.value(column, row);
    if (value.isInteger())
        return value.convert<std::int64_t>();
    return value.convert<std::string>();
}

} // namespace

Poco::Data::Statement SqlSession::operator<<(std::string_view sql)
{
    if (m_driver == SqlDriver::PostgreSQL)
        return m_session << numberPlaceholders(sql);
    return m_session << std::string(sql);
}

SqliteStatementCache& SqlSession::cache()
{
    if (m_cache == nullptr)
        throw StoreUnavailable("no statement cache for this SQLite connection");
    return *m_cache;
}

std::vector<SqlRow> SqlSession::query(std::string_view sql, std::initializer_list<SqlParam> params)
{
    std::vector<SqlRow> rows;
    if (m_driver == SqlDriver::PostgreSQL) {
        Poco::Data::Statement statement = pocoStatement(sql, params);
        statement.execute();
        Poco::Data::RecordSet result(statement);
        for (std::size_t row = 0; row < result.rowCount(); ++row) {
            std::vector<SqlRow::Cell> cells;
            cells.reserve(result.columnCount());
            for (std::size_t column = 0; column < result.columnCount(); ++column)
                cells.push_back(pocoCell(result, column, row));
            rows.emplace_back(std::move(cells));
        }
        return rows;
    }
    sqlite3_stmt* statement = cache().statement(sql);
    const StatementRun run(statement);
    bindAll(cache().connection(), statement, sql, params);
    const int columns = sqlite3_column_count(statement);
    for (;;) {
        const int status = sqlite3_step(statement);
        if (status == SQLITE_DONE)
            return rows;
        if (status != SQLITE_ROW)
            fail(cache().connection(), status, sql);
        std::vector<SqlRow::Cell> cells;
        cells.reserve(static_cast<std::size_t>(columns));
        for (int column = 0; column < columns; ++column)
            cells.push_back(sqliteCell(statement, column, sql));
        rows.emplace_back(std::move(cells));
    }
}

std::size_t SqlSession::execute(std::string_view sql, std::initializer_list<SqlParam> params)
{
    if (m_driver == SqlDriver::PostgreSQL)
        return pocoStatement(sql, params).execute();
    sqlite3_stmt* statement = cache().statement(sql);
    const StatementRun run(statement);
    bindAll(cache().connection(), statement, sql, params);
    int status = SQLITE_ROW;
    while (status == SQLITE_ROW) // a change without RETURNING yields no row; skip any
        status = sqlite3_step(statement);
    if (status != SQLITE_DONE)
        fail(cache().connection(), status, sql);
    return static_cast<std::size_t>(sqlite3_changes(cache().connection()));
}

Poco::Data::Statement SqlSession::pocoStatement(std::string_view sql,
                                                std::initializer_list<SqlParam> params)
{
    using Poco::Data::Keywords::bind;
    Poco::Data::Statement statement(m_session);
    statement << numberPlaceholders(sql);
    for (const SqlParam& param : params) {
        if (const auto* integer = std::get_if<std::int64_t>(&param))
            statement.addBind(bind(static_cast<Poco::Int64>(*integer)));
        else if (const auto* text = std::get_if<std::string_view>(&param))
            statement.addBind(bind(std::string(*text)));
        else
            statement.addBind(bind(Poco::Nullable<Poco::Int64>()));
    }
    return statement;
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
