#pragma once

#include "server/store/LoginFlow.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace dcc::server {

class Database;

/// Login flows and the codes they carry. Every rule that counts or expires is a guard in
/// the SQL statement itself (attempts below the cap, code still the same, state still
/// pending), so that two requests racing on one flow — in one process or in two server
/// instances — can never both succeed.
class FlowStore
{
public:
    explicit FlowStore(Database& database)
        : m_database(database)
    {}

    /// Inserts the flow and counts its code against the account's quota, in one
    /// transaction. Returns the id of the code_sends row (to undo with discard()), or
    /// nullopt when `maxCodes` were already sent since `windowStart` (nothing written).
    std::optional<std::int64_t> createWithCode(const LoginFlow& flow, int maxCodes,
                                               std::int64_t windowStart);
    /// Undoes createWithCode when the mail could not be sent.
    void discard(const std::string& idHash, std::int64_t codeSendId);

    std::optional<LoginFlow> find(const std::string& idHash);

    /// Codes sent to the account since `since`, and when the oldest of them was sent.
    struct CodeQuota
    {
        int count = 0;
        std::int64_t oldestSentAt = 0;
    };
    CodeQuota codesSince(std::int64_t accountId, std::int64_t since);

    /// Puts a new code in place of the one sent at `expectedSentAt` (attempts back to
    /// zero), counting it against the quota. Returns the code_sends id, or nullopt when
    /// the flow changed meanwhile or the quota is used up (nothing written).
    std::optional<std::int64_t> replaceCode(const std::string& idHash, std::int64_t expectedSentAt,
                                            const std::string& codeHash, std::int64_t codeExpiresAt,
                                            std::int64_t now, int maxCodes,
                                            std::int64_t windowStart);
    /// Undoes replaceCode when the mail could not be sent: the previous code lives again.
    void restoreCode(const LoginFlow& previous, const std::string& replacedHash,
                     std::int64_t codeSendId);

    /// Counts one wrong code. Returns the attempts made so far, or nullopt when the guard
    /// failed (code replaced, cap reached, flow no longer pending).
    std::optional<int> recordWrongCode(const std::string& idHash, const std::string& codeHash,
                                       int maxAttempts);
    /// Marks the flow done if the code is still the current one, unexpired and under the
    /// attempt cap. True for exactly one caller.
    bool completeWithCode(const std::string& idHash, const std::string& codeHash, int maxAttempts,
                          std::int64_t now);

    /// Inserts a card-login flow carrying its challenge nonce.
    void createChallenge(const LoginFlow& flow);

    /// Takes the challenge of a pending, unexpired card-login flow, once: the flow is
    /// consumed whatever the verification then decides, so a nonce never serves twice.
    struct Challenge
    {
        std::int64_t accountId = 0;
        std::string nonce;
    };
    enum class ChallengeRefusal
    {
        Unknown,
        Expired,
        Used,
    };
    std::variant<Challenge, ChallengeRefusal> consumeChallenge(const std::string& idHash,
                                                               std::int64_t now);

    /// Deletes flows and quota rows that can no longer matter.
    void purge(std::int64_t flowsEndedBefore, std::int64_t codesSentBefore);

private:
    Database& m_database;
};

} // namespace dcc::server
