#pragma once

#include "engine/enginecontext.h"
#include "portfolio/ledger.h"

#include <vector>

namespace ob {

class ComplianceGate;
class Effects;
struct BookSnapshot;
namespace command {
struct SetOpeningPositions;
struct SaveModel;
}  // namespace command

/// The desk's one book of positions and cash (the Ledger): the funds' opening positions, and every fill the order
/// book accepted, booked once.
class PositionKeeper {
public:
    PositionKeeper(EngineContext& context, ComplianceGate& gate) : context_(context), gate_(gate) {}

    /// Rebuilds the ledger from the opening positions and the day's fills of the orders loaded.
    Status restore(const ActiveBook& active, const ComplianceData& data);
    void setReference(const ReferenceData& reference) { ledger_.setReference(reference); }

    /// Works out and range-checks what a fill of the order does to positions and cash, changing nothing yet.
    Result<Ledger::Booking> plan(const OrderState& order, ExecType execType, const ExecutionEntry* trade) const {
        return ledger_.plan(order, execType, trade);
    }
    /// Books what plan() worked out for an execution (the order book has applied it), and publishes it.
    void book(const Ledger::Booking& booking, const ExecutionRecord& execution, Effects& effects);

    void handle(command::SetOpeningPositions& command, Effects& effects);
    /// Model portfolios are kept in the store only: saved here, with their audit record, in one unit.
    void handle(command::SaveModel& command, Effects& effects);

    const Ledger& ledger() const { return ledger_; }
    /// As last loaded or imported.
    const std::vector<OpeningPosition>& openingPositions() const { return openingPositions_; }
    void fill(BookSnapshot& snapshot) const;

private:
    EngineContext& context_;
    ComplianceGate& gate_;
    Ledger ledger_;
    std::vector<OpeningPosition> openingPositions_;
};

}  // namespace ob
