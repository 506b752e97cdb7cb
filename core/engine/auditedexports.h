#pragma once

#include "engine/enginecontext.h"

namespace ob {

class Effects;
namespace command {
struct RecordExport;
}  // namespace command

/// What left the desk in a file (the rules, say): recorded in the audit trail in a unit of its own, so that a
/// record the store cannot write stops the export's caller like any other failed change.
class AuditedExports {
public:
    explicit AuditedExports(EngineContext& context) : context_(context) {}

    void handle(command::RecordExport& command, Effects& effects);

private:
    EngineContext& context_;
};

}  // namespace ob
