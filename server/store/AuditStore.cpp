#include "server/store/AuditStore.h"

#include "server/store/Database.h"

#include <Poco/Data/RecordSet.h>

#include <algorithm>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;

using Poco::Data::Statement;

namespace dcc::server {

void AuditStore::append(const AuditEvent& event)
{
    m_database.write([&](SqlSession& session) {
        session.execute("INSERT INTO audit (at, event, outcome, account_id, identifier, "
                        "client_address, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        {event.at, event.event, event.outcome, optionalInteger(event.accountId),
                         event.identifier, event.clientAddress, event.userAgent, event.detail});
    });
}

std::vector<AuditEvent> AuditStore::tail(std::size_t count)
{
    std::vector<AuditEvent> events;
    m_database.read([&](SqlSession& session) {
        events.clear(); // a lost connection runs this again
        Statement statement =
            (session << "SELECT id, at, event, outcome, account_id, identifier, client_address, "
                        "user_agent, detail FROM audit ORDER BY id DESC LIMIT ?",
             bind(static_cast<Poco::Int64>(count)));
        statement.execute();
        RecordSet rows(statement);
        for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
            AuditEvent e;
            e.id = rows.value(0).convert<std::int64_t>();
            e.at = rows.value(1).convert<std::int64_t>();
            e.event = rows.value(2).convert<std::string>();
            e.outcome = rows.value(3).convert<std::string>();
            if (!rows.isNull("account_id"))
                e.accountId = rows.value(4).convert<std::int64_t>();
            auto text = [&](const std::string& column) {
                return rows.isNull(column) ? std::string()
                                           : rows.value(column).convert<std::string>();
            };
            e.identifier = text("identifier");
            e.clientAddress = text("client_address");
            e.userAgent = text("user_agent");
            e.detail = text("detail");
            events.push_back(std::move(e));
        }
    });
    std::reverse(events.begin(), events.end());
    return events;
}

} // namespace dcc::server
