#include "server/store/FlowStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <vector>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;
using Poco::Data::RecordSet;

using Poco::Data::Statement;

namespace dcc::server {

namespace {

Poco::Nullable<std::string> nullable(const std::optional<std::string>& value)
{
    return value ? Poco::Nullable<std::string>(*value) : Poco::Nullable<std::string>();
}

const char* stateName(LoginFlow::State state)
{
    return state == LoginFlow::State::Done ? "done" : "pending";
}

// One code counted against the account's quota, if the quota allows it; in the caller's
// transaction, after locking the account's row, so that the count and the insert cannot be
// separated by another writer (another thread or another server instance).
std::optional<std::int64_t> countCode(SqlSession& session, std::int64_t accountId,
                                      std::int64_t sentAt, int maxCodes, std::int64_t windowStart)
{
    Database::lockRow(session, "accounts", accountId);
    std::vector<Poco::Int64> ids;
    session << "INSERT INTO code_sends (account_id, sent_at) "
               "SELECT CAST(? AS BIGINT), CAST(? AS BIGINT) "
               "WHERE (SELECT COUNT(*) FROM code_sends WHERE account_id = ? AND sent_at > ?) < ? "
               "RETURNING id",
        bind(i64(accountId)), bind(i64(sentAt)), bind(i64(accountId)), bind(i64(windowStart)),
        bind(maxCodes), into(ids), now;
    if (ids.empty())
        return std::nullopt;
    return ids.front();
}

// Thrown inside a write transaction to roll it back when the quota refuses a new code.
struct QuotaUsedUp
{};

} // namespace

std::optional<std::int64_t> FlowStore::createWithCode(const LoginFlow& flow, int maxCodes,
                                                      std::int64_t windowStart)
{
    std::optional<std::int64_t> codeSendId;
    m_database.write([&](SqlSession& session) {
        codeSendId = countCode(session, flow.accountId, flow.codeSentAt, maxCodes, windowStart);
        if (!codeSendId)
            return;
        session << "INSERT INTO login_flows (id_hash, account_id, method, state, created_at, "
                   "expires_at, client_address, code_hash, code_expires_at, code_sent_at, "
                   "code_attempts, nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            bind(flow.idHash), bind(i64(flow.accountId)), bind(flow.method),
            bind(std::string(stateName(flow.state))), bind(i64(flow.createdAt)),
            bind(i64(flow.expiresAt)), bind(flow.clientAddress), bind(nullable(flow.codeHash)),
            bind(i64(flow.codeExpiresAt)), bind(i64(flow.codeSentAt)), bind(nullable(flow.nonce)),
            now;
    });
    return codeSendId;
}

void FlowStore::discard(const std::string& idHash, std::int64_t codeSendId)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM login_flows WHERE id_hash = ?", bind(idHash), now;
        session << "DELETE FROM code_sends WHERE id = ?", bind(i64(codeSendId)), now;
    });
}

std::optional<LoginFlow> FlowStore::find(const std::string& idHash)
{
    std::optional<LoginFlow> found;
    m_database.read([&](SqlSession& session) {
        Statement statement =
            (session << "SELECT account_id, method, state, created_at, expires_at, "
                        "client_address, code_hash, code_expires_at, code_sent_at, "
                        "code_attempts, nonce FROM login_flows WHERE id_hash = ?",
             bind(idHash));
        statement.execute();
        RecordSet rows(statement);
        if (!rows.moveFirst())
            return;
        LoginFlow flow;
        flow.idHash = idHash;
        flow.accountId = rows.value(0).convert<std::int64_t>();
        flow.method = rows.value(1).convert<std::string>();
        flow.state = rows.value(2).convert<std::string>() == "done" ? LoginFlow::State::Done
                                                                    : LoginFlow::State::Pending;
        flow.createdAt = rows.value(3).convert<std::int64_t>();
        flow.expiresAt = rows.value(4).convert<std::int64_t>();
        flow.clientAddress = rows.value(5).convert<std::string>();
        if (!rows.isNull("code_hash"))
            flow.codeHash = rows.value(6).convert<std::string>();
        flow.codeExpiresAt =
            rows.isNull("code_expires_at") ? 0 : rows.value(7).convert<std::int64_t>();
        flow.codeSentAt = rows.isNull("code_sent_at") ? 0 : rows.value(8).convert<std::int64_t>();
        flow.codeAttempts = rows.value(9).convert<int>();
        if (!rows.isNull("nonce"))
            flow.nonce = rows.value(10).convert<std::string>();
        found = std::move(flow);
    });
    return found;
}

FlowStore::CodeQuota FlowStore::codesSince(std::int64_t accountId, std::int64_t since)
{
    CodeQuota quota;
    m_database.read([&](SqlSession& session) {
        Poco::Int64 oldest = 0;
        session << "SELECT COUNT(*), COALESCE(MIN(sent_at), 0) FROM code_sends "
                   "WHERE account_id = ? AND sent_at > ?",
            bind(i64(accountId)), bind(i64(since)), into(quota.count), into(oldest), now;
        quota.oldestSentAt = oldest;
    });
    return quota;
}

std::optional<std::int64_t> FlowStore::replaceCode(const std::string& idHash,
                                                   std::int64_t expectedSentAt,
                                                   const std::string& codeHash,
                                                   std::int64_t codeExpiresAt, std::int64_t nowAt,
                                                   int maxCodes, std::int64_t windowStart)
{
    std::optional<std::int64_t> codeSendId;
    try {
        m_database.write([&](SqlSession& session) {
            Poco::Int64 accountId = 0;
            std::vector<Poco::Int64> accounts;
            session
                << "UPDATE login_flows SET code_hash = ?, code_expires_at = ?, code_sent_at = ?, "
                   "code_attempts = 0 WHERE id_hash = ? AND state = 'pending' "
                   "AND code_sent_at = ? RETURNING account_id",
                bind(codeHash), bind(i64(codeExpiresAt)), bind(i64(nowAt)), bind(idHash),
                bind(i64(expectedSentAt)), into(accounts), now;
            if (accounts.empty())
                return;
            accountId = accounts.front();
            codeSendId = countCode(session, accountId, nowAt, maxCodes, windowStart);
            if (!codeSendId) // over quota: roll the replacement back with the transaction
                throw QuotaUsedUp{};
        });
    } catch (const QuotaUsedUp&) {
        return std::nullopt;
    }
    return codeSendId;
}

void FlowStore::restoreCode(const LoginFlow& previous, const std::string& replacedHash,
                            std::int64_t codeSendId)
{
    m_database.write([&](SqlSession& session) {
        session << "UPDATE login_flows SET code_hash = ?, code_expires_at = ?, code_sent_at = ?, "
                   "code_attempts = ? WHERE id_hash = ? AND code_hash = ?",
            bind(nullable(previous.codeHash)), bind(i64(previous.codeExpiresAt)),
            bind(i64(previous.codeSentAt)), bind(previous.codeAttempts), bind(previous.idHash),
            bind(replacedHash), now;
        session << "DELETE FROM code_sends WHERE id = ?", bind(i64(codeSendId)), now;
    });
}

std::optional<int> FlowStore::recordWrongCode(const std::string& idHash,
                                              const std::string& codeHash, int maxAttempts)
{
    std::vector<int> attempts;
    m_database.write([&](SqlSession& session) {
        session << "UPDATE login_flows SET code_attempts = code_attempts + 1 "
                   "WHERE id_hash = ? AND state = 'pending' AND code_hash = ? "
                   "AND code_attempts < ? RETURNING code_attempts",
            bind(idHash), bind(codeHash), bind(maxAttempts), into(attempts), now;
    });
    if (attempts.empty())
        return std::nullopt;
    return attempts.front();
}

bool FlowStore::completeWithCode(const std::string& idHash, const std::string& codeHash,
                                 int maxAttempts, std::int64_t nowAt)
{
    std::size_t changed = 0;
    m_database.write([&](SqlSession& session) {
        Statement statement =
            (session << "UPDATE login_flows SET state = 'done', code_hash = NULL "
                        "WHERE id_hash = ? AND state = 'pending' AND code_hash = ? "
                        "AND code_attempts < ? AND code_expires_at > ? AND expires_at > ?",
             bind(idHash), bind(codeHash), bind(maxAttempts), bind(i64(nowAt)), bind(i64(nowAt)));
        changed = statement.execute();
    });
    return changed == 1;
}

void FlowStore::createChallenge(const LoginFlow& flow)
{
    m_database.write([&](SqlSession& session) {
        session << "INSERT INTO login_flows (id_hash, account_id, method, state, created_at, "
                   "expires_at, client_address, code_attempts, nonce) "
                   "VALUES (?, ?, ?, 'pending', ?, ?, ?, 0, ?)",
            bind(flow.idHash), bind(i64(flow.accountId)), bind(flow.method),
            bind(i64(flow.createdAt)), bind(i64(flow.expiresAt)), bind(flow.clientAddress),
            bind(nullable(flow.nonce)), now;
    });
}

std::variant<FlowStore::Challenge, FlowStore::ChallengeRefusal>
FlowStore::consumeChallenge(const std::string& idHash, std::int64_t nowAt)
{
    std::variant<Challenge, ChallengeRefusal> result = ChallengeRefusal::Unknown;
    m_database.write([&](SqlSession& session) {
        std::vector<Poco::Int64> accounts;
        std::vector<std::string> nonces;
        session << "UPDATE login_flows SET state = 'done' WHERE id_hash = ? AND method = 'cps' "
                   "AND state = 'pending' AND expires_at > ? RETURNING account_id, nonce",
            bind(idHash), bind(i64(nowAt)), into(accounts), into(nonces), now;
        if (!accounts.empty()) {
            result = Challenge{accounts.front(), nonces.front()};
            return;
        }
        // Why not: tell an expired challenge from a used or unknown one, and close it.
        std::vector<std::string> states;
        std::vector<Poco::Int64> expiries;
        session << "SELECT state, expires_at FROM login_flows WHERE id_hash = ? AND method = 'cps'",
            bind(idHash), into(states), into(expiries), now;
        if (states.empty())
            return;
        if (states.front() == "done") {
            result = ChallengeRefusal::Used;
            return;
        }
        result = ChallengeRefusal::Expired;
        session << "UPDATE login_flows SET state = 'done' WHERE id_hash = ?", bind(idHash), now;
    });
    return result;
}

void FlowStore::purge(std::int64_t flowsEndedBefore, std::int64_t codesSentBefore)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM login_flows WHERE expires_at < ?", bind(i64(flowsEndedBefore)), now;
        session << "DELETE FROM code_sends WHERE sent_at < ?", bind(i64(codesSentBefore)), now;
    });
}

} // namespace dcc::server
