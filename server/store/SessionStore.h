#pragma once

#include "server/store/SessionRecord.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dcc::server {

class Database;

class SessionStore
{
public:
    explicit SessionStore(Database& database)
        : m_database(database)
    {}

    void create(const SessionRecord& session);
    /// The session if it is unrevoked, before its absolute end and used since
    /// `idleSince`; its last use becomes `now` when the one recorded is at least
    /// `granularity` seconds old. Most checks are then reads: a browser asking every few
    /// seconds does not queue on the database's writers, and the idle end comes at most
    /// `granularity` seconds early, never late.
    std::optional<SessionRecord> touch(const std::string& tokenHash, std::int64_t now,
                                       std::int64_t idleSince, std::int64_t granularity);
    /// True when a live session was revoked.
    bool revoke(const std::string& tokenHash, std::int64_t now);
    /// Revokes every session of the account; returns how many.
    std::size_t revokeAll(std::int64_t accountId, std::int64_t now);
    std::size_t countLive(std::int64_t now, std::int64_t idleSince);
    void purge(std::int64_t endedBefore);

private:
    Database& m_database;
};

} // namespace dcc::server
