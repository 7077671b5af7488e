#include "server/store/Migrations.h"

namespace dcc::server {

// Portable SQL (SQLite 3.35+ and PostgreSQL): BIGINT epoch seconds for times, INTEGER
// 0/1 for flags, TEXT for the rest, {auto_id} for generated keys (forDriver). Secrets (flow ids,
// codes, tickets, session tokens) are stored only as hashes.
const std::vector<Migration>& Migrations::all()
{
    static const std::vector<Migration> migrations = {
        {1,
         "accounts, login flows, throttles, tickets, sessions, audit",
         {
             R"(CREATE TABLE accounts (
                    id {auto_id},
                    identifier TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    display_name TEXT NOT NULL,
                    national_id TEXT UNIQUE,
                    password_hash TEXT,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL))",
             R"(CREATE TABLE login_flows (
                    id_hash TEXT PRIMARY KEY,
                    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    method TEXT NOT NULL,
                    state TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    client_address TEXT NOT NULL,
                    code_hash TEXT,
                    code_expires_at BIGINT,
                    code_sent_at BIGINT,
                    code_attempts INTEGER NOT NULL DEFAULT 0,
                    nonce TEXT))",
             "CREATE INDEX login_flows_account ON login_flows(account_id)",
             "CREATE INDEX login_flows_expiry ON login_flows(expires_at)",
             R"(CREATE TABLE code_sends (
                    id {auto_id},
                    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    sent_at BIGINT NOT NULL))",
             "CREATE INDEX code_sends_account ON code_sends(account_id, sent_at)",
             R"(CREATE TABLE throttles (
                    throttle_key TEXT PRIMARY KEY,
                    failures INTEGER NOT NULL,
                    last_failure_at BIGINT NOT NULL,
                    blocked_until BIGINT NOT NULL,
                    locked_until BIGINT NOT NULL))",
             R"(CREATE TABLE tickets (
                    token_hash TEXT PRIMARY KEY,
                    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    method TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    used_at BIGINT))",
             R"(CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    method TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    last_seen_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    client_address TEXT NOT NULL,
                    user_agent TEXT NOT NULL))",
             "CREATE INDEX sessions_account ON sessions(account_id)",
             R"(CREATE TABLE audit (
                    id {auto_id},
                    at BIGINT NOT NULL,
                    event TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    account_id BIGINT,
                    identifier TEXT,
                    client_address TEXT,
                    user_agent TEXT,
                    detail TEXT))",
             "CREATE INDEX audit_at ON audit(at)",
         }},
        {2,
         "password reset tokens",
         {
             R"(CREATE TABLE reset_tokens (
                    token_hash TEXT PRIMARY KEY,
                    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    used_at BIGINT))",
             "CREATE INDEX reset_tokens_account ON reset_tokens(account_id)",
         }},
        {3,
         "settings shared by the instances of one database",
         {
             R"(CREATE TABLE server_settings (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL))",
         }},
    };
    return migrations;
}

std::string Migrations::forDriver(const std::string& statement, SqlDriver driver)
{
    static const std::string token = "{auto_id}";
    const std::size_t at = statement.find(token);
    if (at == std::string::npos)
        return statement;
    std::string out = statement;
    // SQLite's text is what version 1 always said: databases made before PostgreSQL
    // support see the very same schema.
    out.replace(at, token.size(),
                driver == SqlDriver::SQLite
                    ? "INTEGER PRIMARY KEY"
                    : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    return out;
}

int Migrations::latestVersion()
{
    return all().back().version;
}

} // namespace dcc::server
