#include "server/store/DatabaseTransfer.h"

#include "server/store/Migrations.h"
#include "server/store/SqlValues.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace dcc::server {

namespace {

constexpr std::string_view kFormat = "dcc-login-server database export";
constexpr int kFormatVersion = 1;

struct Table
{
    std::string_view name;
    std::string_view order;  ///< a stable order for the export
    bool generatedId{false}; ///< an {auto_id} column whose sequence follows the import
};

// Parents before children, so that foreign keys hold at every insert.
constexpr std::array<Table, 9> kTables{{
    {"server_settings", "name", false},
    {"accounts", "id", true},
    {"login_flows", "id_hash", false},
    {"code_sends", "id", true},
    {"throttles", "throttle_key", false},
    {"tickets", "token_hash", false},
    {"sessions", "token_hash", false},
    {"reset_tokens", "token_hash", false},
    {"audit", "id", true},
}};

const Table* findTable(const std::string& name)
{
    const auto it = std::find_if(kTables.begin(), kTables.end(),
                                 [&](const Table& t) { return t.name == name; });
    return it == kTables.end() ? nullptr : &*it;
}

bool isColumnName(const std::string& name)
{
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    });
}

void writeLine(std::ostream& out, const Poco::JSON::Object& line)
{
    line.stringify(out);
    out << '\n';
}

} // namespace

DatabaseTransfer::Counts DatabaseTransfer::exportTo(std::ostream& out)
{
    Counts counts;
    const int schema = m_database.schemaVersion();
    // A write transaction only for its consistent view: nothing is written.
    bool started = false;
    m_database.write([&](SqlSession& session) {
        // The database runs work again after a lost connection: the lines already written
        // cannot be taken back.
        if (std::exchange(started, true))
            throw Refused("the connection to the database was lost during the export: "
                          "the file is incomplete, run the export again");
        counts = {};
        Poco::JSON::Object header(Poco::JSON_PRESERVE_KEY_ORDER);
        header.set("format", std::string(kFormat));
        header.set("version", kFormatVersion);
        header.set("schema", schema);
        writeLine(out, header);
        for (const Table& table : kTables) {
            Statement statement = (session << "SELECT * FROM " + std::string(table.name) +
                                                  " ORDER BY " + std::string(table.order));
            statement.execute();
            RecordSet rows(statement);
            for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
                Poco::JSON::Object row(Poco::JSON_PRESERVE_KEY_ORDER);
                for (std::size_t column = 0; column < rows.columnCount(); ++column) {
                    const std::string name = rows.columnName(column);
                    const Poco::Dynamic::Var value = rows.value(column);
                    if (rows.isNull(name) || value.isEmpty())
                        row.set(name, Poco::Dynamic::Var());
                    else if (value.isInteger())
                        row.set(name, value.convert<Poco::Int64>());
                    else
                        row.set(name, value.convert<std::string>());
                }
                Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
                line.set("table", std::string(table.name));
                line.set("row", row);
                writeLine(out, line);
                ++counts.rows;
                if (table.name == "accounts")
                    ++counts.accounts;
            }
        }
    });
    out.flush();
    if (!out)
        throw Refused("the export could not be written completely");
    return counts;
}

DatabaseTransfer::Counts DatabaseTransfer::importFrom(std::istream& in)
{
    Poco::JSON::Parser parser;
    auto parseLine = [&](const std::string& text, std::size_t number) {
        try {
            parser.reset();
            return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception&) {
            throw Refused("line " + std::to_string(number) + " is not a JSON object");
        }
    };

    std::string text;
    if (!std::getline(in, text))
        throw Refused("the file is empty");
    const Poco::JSON::Object::Ptr header = parseLine(text, 1);
    if (header->optValue<std::string>("format", "") != kFormat ||
        header->optValue<int>("version", 0) != kFormatVersion)
        throw Refused("this is not a dcc-login-server database export (version 1)");
    const int schema = header->optValue<int>("schema", 0);
    if (schema != m_database.schemaVersion())
        throw Refused("the export has schema version " + std::to_string(schema) +
                      ", this database " + std::to_string(m_database.schemaVersion()) +
                      ": use the same server version on both sides");

    Counts counts;
    bool started = false;
    m_database.write([&](SqlSession& session) {
        // The lines read so far are gone from the stream: no second attempt.
        if (std::exchange(started, true))
            throw Refused("the connection to the database was lost during the import");
        counts = {};
        Poco::Int64 existing = 0;
        session << "SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM audit)",
            into(existing), now;
        if (existing > 0)
            throw Refused("the target database is not empty: import into a new database");

        std::size_t lineNumber = 1;
        std::size_t lastTable = 0;
        while (std::getline(in, text)) {
            ++lineNumber;
            if (text.empty())
                continue;
            const Poco::JSON::Object::Ptr line = parseLine(text, lineNumber);
            const std::string tableName = line->optValue<std::string>("table", "");
            const Table* table = findTable(tableName);
            const Poco::JSON::Object::Ptr row = line->getObject("row");
            if (table == nullptr || !row)
                throw Refused("line " + std::to_string(lineNumber) + ": unknown table '" +
                              tableName + "'");
            const auto tableIndex = static_cast<std::size_t>(table - kTables.data());
            if (tableIndex < lastTable)
                throw Refused("line " + std::to_string(lineNumber) + ": tables out of order");
            lastTable = tableIndex;

            std::string columns;
            std::string placeholders;
            std::vector<std::string> names;
            row->getNames(names);
            for (const std::string& name : names) {
                if (!isColumnName(name))
                    throw Refused("line " + std::to_string(lineNumber) + ": bad column name");
                columns += (columns.empty() ? "" : ", ") + name;
                placeholders += placeholders.empty() ? "?" : ", ?";
            }
            Statement statement = (session << "INSERT INTO " + tableName + " (" + columns +
                                                  ") VALUES (" + placeholders + ")");
            for (const std::string& name : names) {
                const Poco::Dynamic::Var value = row->get(name);
                if (value.isEmpty())
                    statement.addBind(bind(Poco::Nullable<std::string>()));
                else if (value.isInteger())
                    statement.addBind(bind(value.convert<Poco::Int64>()));
                else if (value.isString())
                    statement.addBind(bind(value.convert<std::string>()));
                else
                    throw Refused("line " + std::to_string(lineNumber) + ": column " + name +
                                  " holds neither a number, a text nor null");
            }
            statement.execute();
            ++counts.rows;
            if (table->name == "accounts")
                ++counts.accounts;
        }
        if (session.driver() == SqlDriver::PostgreSQL) {
            // Explicit ids leave the identity sequences behind: move them past the rows.
            for (const Table& table : kTables) {
                if (!table.generatedId)
                    continue;
                const std::string name(table.name);
                std::vector<Poco::Int64> next;
                session << "SELECT setval(pg_get_serial_sequence('" + name +
                               "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + name,
                    into(next), now;
            }
        }
    });
    return counts;
}

} // namespace dcc::server
