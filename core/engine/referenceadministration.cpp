#include "engine/referenceadministration.h"

#include "engine/commands.h"
#include "engine/compliancegate.h"
#include "engine/effects.h"
#include "engine/positionkeeper.h"

namespace ob {

void ReferenceAdministration::handle(command::SetReference& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::ManageReference, "change the desk's reference data");
        !allowed) {
        command.done.set_value(Error{allowed.error()});
        return;
    }
    auto update = planReferenceChange(*context_.reference, command.upserts, command.lines);
    if (!update) {
        command.done.set_value(Error{update.error()});
        return;
    }
    if (!update->edits.empty()) {
        auto after = std::make_shared<const ReferenceData>(update->after);
        effects.reference(update->changed, after);
        for (const auto& edit : update->edits) effects.audit(command.actor, edit.action, edit.subject, edit.details);
        effects.commit();
        context_.setReference(after);
        positions_.setReference(*after);
        gate_.setReference(*after, effects);
    }
    command.done.set_value(std::move(update));
}

}  // namespace ob
