#pragma once

#include "domain/referencechange.h"
#include "engine/enginecontext.h"

namespace ob {

class ComplianceGate;
class Effects;
class PositionKeeper;
namespace command {
struct SetReference;
}  // namespace command

/// An administrator's changes to the desk's reference data (an import or an edit): all written in one unit with an
/// audit record per item added or changed, then taken at once by the order entry, the book's ledger and compliance,
/// and published to the desk's windows.
class ReferenceAdministration {
public:
    ReferenceAdministration(EngineContext& context, PositionKeeper& positions, ComplianceGate& gate)
        : context_(context), positions_(positions), gate_(gate) {}

    void handle(command::SetReference& command, Effects& effects);

private:
    EngineContext& context_;
    PositionKeeper& positions_;
    ComplianceGate& gate_;
};

}  // namespace ob
