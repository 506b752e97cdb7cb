#pragma once

#include "engine/bookcheck.h"
#include "engine/changeset.h"
#include "engine/enginecontext.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace ob {

class Effects;
class PositionKeeper;

/// The consistency check: at start, and whenever asked, the book is recomputed from what the store holds and
/// compared with the book in memory (engine/bookcheck.h). Whatever differs is logged and raised as an alert.
class BookVerifier {
public:
    BookVerifier(EngineContext& context, const PositionKeeper& positions) : context_(context), positions_(positions) {}

    /// Checks the book just restored from `active`; what it finds is published with the first change set.
    void checkAtStart(const ActiveBook& active, const ReferenceData& reference);
    std::vector<EngineAlert> takeStartAlerts() { return std::exchange(startAlerts_, {}); }
    /// Once the store holds everything up to unit `lastSubmitted`, reads the book back and compares; each
    /// difference becomes an alert, and `publish` is called so that whoever asked sees them by the answer.
    Result<BookCheckReport> verify(std::uint64_t lastSubmitted, Effects& effects, const std::function<void()>& publish);

private:
    /// Logs what a check found, and says it in alerts.
    std::vector<EngineAlert> announce(const Result<BookCheckReport>& checked, std::chrono::steady_clock::duration took) const;

    EngineContext& context_;
    const PositionKeeper& positions_;
    std::vector<EngineAlert> startAlerts_;
};

}  // namespace ob
