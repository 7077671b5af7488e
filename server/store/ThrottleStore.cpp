#include "server/store/ThrottleStore.h"

#include "server/store/Database.h"
#include "server/store/SqlValues.h"

#include <algorithm>
#include <vector>

using namespace Poco::Data::Keywords;
using dcc::server::sql::i64;

namespace dcc::server {

ThrottleStore::State ThrottleStore::get(const std::string& key)
{
    State state;
    m_database.read([&](SqlSession& session) {
        std::vector<int> failures;
        std::vector<Poco::Int64> last, blocked, locked;
        session << "SELECT failures, last_failure_at, blocked_until, locked_until "
                   "FROM throttles WHERE throttle_key = ?",
            bind(key), into(failures), into(last), into(blocked), into(locked), now;
        if (failures.empty())
            return;
        state = {failures.front(), last.front(), blocked.front(), locked.front()};
    });
    return state;
}

ThrottleStore::State ThrottleStore::recordFailure(const std::string& key, std::int64_t nowAt,
                                                  std::int64_t windowStart, const PenaltyRule& rule)
{
    State state;
    m_database.write([&](SqlSession& session) {
        std::vector<int> failures;
        std::vector<Poco::Int64> locked;
        session << "INSERT INTO throttles (throttle_key, failures, last_failure_at, "
                   "blocked_until, locked_until) VALUES (?, 1, ?, 0, 0) "
                   "ON CONFLICT (throttle_key) DO UPDATE SET "
                   "failures = CASE WHEN throttles.last_failure_at < ? THEN 1 "
                   "ELSE throttles.failures + 1 END, last_failure_at = excluded.last_failure_at "
                   "RETURNING failures, locked_until",
            bind(key), bind(i64(nowAt)), bind(i64(windowStart)), into(failures), into(locked), now;
        state.failures = failures.at(0);
        state.lastFailureAt = nowAt;
        const Penalty penalty = rule(state.failures);
        state.blockedUntil = penalty.blockedUntil;
        // A lock already running is never shortened by a later, milder penalty.
        state.lockedUntil = std::max<std::int64_t>(penalty.lockedUntil, locked.at(0));
        session << "UPDATE throttles SET blocked_until = ?, locked_until = ? "
                   "WHERE throttle_key = ?",
            bind(i64(state.blockedUntil)), bind(i64(state.lockedUntil)), bind(key), now;
    });
    return state;
}

void ThrottleStore::reset(const std::string& key)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM throttles WHERE throttle_key = ?", bind(key), now;
    });
}

void ThrottleStore::purge(std::int64_t quietSince)
{
    m_database.write([&](SqlSession& session) {
        session << "DELETE FROM throttles WHERE last_failure_at < ? AND locked_until < ? "
                   "AND blocked_until < ?",
            bind(i64(quietSince)), bind(i64(quietSince)), bind(i64(quietSince)), now;
    });
}

} // namespace dcc::server
