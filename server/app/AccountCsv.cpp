#include "server/app/AccountCsv.h"

#include "common/EmailAddress.h"
#include "common/Identifier.h"
#include "common/NationalIdentifier.h"
#include "common/Utf8.h"

#include <map>
#include <set>

namespace dcc::server {

namespace {

// One CSV record; false when a quoted field is not closed on this line.
bool splitRecord(const std::string& line, std::vector<std::string>& fields)
{
    fields.assign(1, std::string());
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back().push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back().push_back(c);
            }
        } else if (c == '"' && fields.back().empty()) {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back().push_back(c);
        }
    }
    return !quoted;
}

constexpr std::size_t kMaxNameLength = 200;

} // namespace

AccountCsv::Parsed AccountCsv::parse(std::istream& in)
{
    Parsed out;
    std::string line;
    std::vector<std::string> fields;
    std::map<std::string, std::size_t> column;
    std::set<std::string> identifiers;
    std::set<std::string> nationalIds;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (number == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.erase(0, 3); // UTF-8 BOM written by spreadsheets
        auto fail = [&](const std::string& message) {
            out.errors.push_back({number, message});
        };
        if (!Utf8::decode(line)) {
            fail("not valid UTF-8 (save the file as CSV UTF-8)");
            continue;
        }
        if (!splitRecord(line, fields)) {
            fail("a quoted field is not closed");
            continue;
        }
        if (number == 1) {
            for (std::size_t i = 0; i < fields.size(); ++i)
                column[std::string(Utf8::trim(fields[i]))] = i;
            for (const char* required : {"identifier", "email", "display_name"}) {
                if (!column.contains(required))
                    fail(std::string("the header must name the column '") + required +
                         "' (identifier,email,display_name,national_id)");
            }
            if (!out.errors.empty())
                return out;
            continue;
        }
        if (Utf8::trim(line).empty())
            continue;
        auto field = [&](const std::string& name) {
            const auto it = column.find(name);
            return it != column.end() && it->second < fields.size()
                       ? std::string(Utf8::trim(fields[it->second]))
                       : std::string();
        };
        NewAccount account;
        const auto identifier = Identifier::parse(field("identifier"));
        if (!identifier) {
            fail("identifier '" + field("identifier") + "' is not of the form j.dupont (" +
                 std::string(Identifier::problemCode(identifier.error())) + ")");
            continue;
        }
        account.identifier = identifier->value();
        const auto email = EmailAddress::parse(field("email"));
        if (!email) {
            fail("email '" + field("email") + "' is not an e-mail address");
            continue;
        }
        account.email = email->address();
        account.displayName = field("display_name");
        if (account.displayName.empty() || account.displayName.size() > kMaxNameLength) {
            fail("display_name must be 1 to 200 bytes");
            continue;
        }
        if (const std::string nationalId = field("national_id"); !nationalId.empty()) {
            if (!NationalIdentifier::parse(nationalId)) {
                fail("national_id '" + nationalId +
                     "' is not a national identifier (8 + RPPS, "
                     "0 + ADELI, …)");
                continue;
            }
            if (!nationalIds.insert(nationalId).second) {
                fail("national_id " + nationalId + " appears twice in the file");
                continue;
            }
            account.nationalId = nationalId;
        }
        if (!identifiers.insert(account.identifier).second) {
            fail("identifier " + account.identifier + " appears twice in the file");
            continue;
        }
        out.accounts.push_back(std::move(account));
    }
    if (number == 0)
        out.errors.push_back({1, "the file is empty: a header line is required"});
    return out;
}

} // namespace dcc::server
