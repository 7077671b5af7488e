#include "bench/server/ExchangeRate.h"

#include "common/Protocol.h"
#include "server/auth/SecretToken.h"

#include <array>
#include <ctime>
#include <memory>
#include <sqlite3.h>
#include <stdexcept>

namespace dcc::bench {

namespace {

struct CloseConnection
{
    void operator()(sqlite3* connection) const { sqlite3_close(connection); }
};
struct FinalizeStatement
{
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Connection = std::unique_ptr<sqlite3, CloseConnection>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

[[noreturn]] void fail(sqlite3* connection, const std::string& what)
{
    throw std::runtime_error(what + ": " + sqlite3_errmsg(connection));
}

Statement prepare(sqlite3* connection, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
        SQLITE_OK)
        fail(connection, std::string("cannot compile ") + sql);
    return Statement(statement);
}

void bindText(sqlite3_stmt* statement, int index, const std::string& text)
{
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

// Steps to the end; returns whether a row came first.
bool run(sqlite3* connection, sqlite3_stmt* statement, const char* what)
{
    bool row = false;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW)
        row = true;
    if (status != SQLITE_DONE)
        fail(connection, what);
    sqlite3_reset(statement);
    return row;
}

} // namespace

ExchangeRate::Result ExchangeRate::measure(const std::string& databasePath,
                                           const std::vector<std::string>& tickets,
                                           std::chrono::milliseconds duration)
{
    sqlite3* opened = nullptr;
    const int status =
        sqlite3_open_v2(databasePath.c_str(), &opened, SQLITE_OPEN_READWRITE, nullptr);
    Connection connection(opened);
    if (status != SQLITE_OK)
        fail(opened, "cannot open " + databasePath);
    sqlite3* db = connection.get();
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                     "PRAGMA foreign_keys=ON",
                     nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(db, "cannot configure the connection");

    const Statement begin = prepare(db, "BEGIN IMMEDIATE");
    const Statement commit = prepare(db, "COMMIT");
    const Statement spend = prepare(db, "UPDATE tickets SET used_at = ? WHERE token_hash = ? AND "
                                        "used_at IS NULL AND expires_at > ? "
                                        "RETURNING account_id, method");
    const Statement account = prepare(db, "SELECT id, identifier, disabled FROM accounts "
                                          "WHERE id = ?");
    const Statement session = prepare(
        db, "INSERT INTO sessions (token_hash, account_id, method, created_at, last_seen_at, "
            "expires_at, client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const Statement audit = prepare(db, "INSERT INTO audit (at, event, outcome, account_id, "
                                        "identifier, client_address, user_agent, detail) "
                                        "VALUES (?, 'session.open', 'ok', ?, ?, ?, ?, ?)");
    const std::string clientAddress = "127.0.0.1";
    const std::string userAgent = "dcc-bench-server exchange";

    Result result;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    for (const std::string& ticket : tickets) {
        if (std::chrono::steady_clock::now() >= deadline)
            break;
        const std::int64_t nowAt = std::time(nullptr);
        const std::string ticketHash = server::SecretToken::hash(ticket);
        const std::string token = server::SecretToken::generate(protocol::kSessionBytes);
        const std::string tokenHash = server::SecretToken::hash(token);

        run(db, begin.get(), "BEGIN");
        sqlite3_bind_int64(spend.get(), 1, nowAt);
        bindText(spend.get(), 2, ticketHash);
        sqlite3_bind_int64(spend.get(), 3, nowAt);
        if (sqlite3_step(spend.get()) != SQLITE_ROW)
            throw std::runtime_error("a ticket of the list was refused (used or expired)");
        const std::int64_t accountId = sqlite3_column_int64(spend.get(), 0);
        const std::string method =
            reinterpret_cast<const char*>(sqlite3_column_text(spend.get(), 1));
        run(db, spend.get(), "spend the ticket");

        sqlite3_bind_int64(account.get(), 1, accountId);
        if (sqlite3_step(account.get()) != SQLITE_ROW)
            throw std::runtime_error("a ticket's account is missing");
        const std::string identifier =
            reinterpret_cast<const char*>(sqlite3_column_text(account.get(), 1));
        run(db, account.get(), "read the account");

        bindText(session.get(), 1, tokenHash);
        sqlite3_bind_int64(session.get(), 2, accountId);
        bindText(session.get(), 3, method);
        sqlite3_bind_int64(session.get(), 4, nowAt);
        sqlite3_bind_int64(session.get(), 5, nowAt);
        sqlite3_bind_int64(session.get(), 6, nowAt + 12 * 3600);
        bindText(session.get(), 7, clientAddress);
        bindText(session.get(), 8, userAgent);
        run(db, session.get(), "record the session");

        const std::string detail = "method=" + method;
        sqlite3_bind_int64(audit.get(), 1, nowAt);
        sqlite3_bind_int64(audit.get(), 2, accountId);
        bindText(audit.get(), 3, identifier);
        bindText(audit.get(), 4, clientAddress);
        bindText(audit.get(), 5, userAgent);
        bindText(audit.get(), 6, detail);
        run(db, audit.get(), "record the audit row");
        run(db, commit.get(), "COMMIT");
        ++result.count;
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace dcc::bench
