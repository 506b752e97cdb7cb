#include "engine/auditedexports.h"

#include "engine/commands.h"
#include "engine/effects.h"

namespace ob {

void AuditedExports::handle(command::RecordExport& command, Effects& effects) {
    if (auto failed = context_.storeFailure(); !failed) {
        command.done.set_value(failed);
        return;
    }
    effects.audit(command.actor, command.what + ".export", command.what, "exported to " + command.destination);
    effects.commit();
    command.done.set_value(Status{});
}

}  // namespace ob
