#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/server/MeasuredRate.h"

namespace dcc::bench {

/// The storage-bound rate a /launch ticket exchange is compared with: what SQLite itself
/// can do of the exchange's durable work, with nothing of the server around it. One thread
/// (SQLite has one writer), the C API with each statement compiled once, and per ticket one
/// transaction that spends it, reads its account, records a new session and its audit row,
/// with the server's connection settings (WAL, synchronous=NORMAL, foreign keys).
class ExchangeRate
{
public:
    using Result = MeasuredRate; ///< count: exchanges committed

    /// Spends `tickets` (issued in `databasePath`, unused) until `duration` has passed or
    /// they run out. Throws std::runtime_error when a statement fails or a ticket is refused.
    static Result measure(const std::string& databasePath, const std::vector<std::string>& tickets,
                          std::chrono::milliseconds duration);
};

} // namespace dcc::bench
