// The order engine's model portfolios: saved like every other change a user
// makes, on the engine's thread, with the audit record in the same unit.
#include "orderengine.h"

#include "engine/batchchanges.h"

namespace ob {

std::future<Status> OrderEngine::saveModel(ModelPortfolio model, Actor actor, std::string source) {
    SaveModel command{std::move(model), std::move(actor), std::move(source), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::handle(SaveModel& command, BatchChanges&) {
    if (!command.actor.may(Permission::ManagePortfolios)) {
        command.done.set_value(Error{refusal(command.actor, "save model portfolios")});
        return;
    }
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(failed);
        return;
    }
    if (auto valid = validateModel(command.model); !valid) {
        command.done.set_value(valid);
        return;
    }
    const auto details =
        std::to_string(command.model.weights.size()) + " weights" + (command.source.empty() ? "" : " from " + command.source);
    StoreUnit unit;
    unit.audit.push_back(audit(command.actor, "model.save", "model " + command.model.name, details));
    unit.model = std::move(command.model);
    lastSubmitted_ = store_.submit(std::move(unit));
    command.done.set_value(Status{});
}

}  // namespace ob
