#pragma once

#include "domain/timestamp.h"

#include <cstdint>
#include <string>

namespace ob {

/// Makes the desk's ClOrdIDs, unique for ever: "<desk>-<run>-<counter>", e.g. "K7QF-2Q8ZK1MB-000001".
///
/// The desk id is drawn at random when the database is made, so a desk whose data directory was wiped (or a
/// second desk at the same broker) has another. The run is the time of the engine's start in milliseconds since
/// 2020 (base 36), and always later than the last run the store recorded: a database restored from a backup
/// starts a run after every ClOrdID it sent before, even those the backup never saw. The counter numbers the
/// run's requests.
class ClOrdIdSource {
public:
    ClOrdIdSource() = default;
    /// `lastRun` is the last run the store recorded; the new run is later than it and not before `now`.
    ClOrdIdSource(std::int64_t deskId, std::int64_t lastRun, Timestamp now);

    std::string next();
    /// Takes back the last ClOrdID made, when it was not used.
    void giveBack() { --counter_; }
    std::int64_t run() const { return run_; }

private:
    std::string prefix_;
    std::int64_t run_ = 0;
    std::int64_t counter_ = 0;
};

}  // namespace ob
