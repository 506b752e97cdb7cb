#include "batchaction.h"

#include "batch/actions.h"
#include "headless.h"

namespace ob::app {

namespace {

std::string_view plural(Role role) {
    switch (role) {
        case Role::Trader: return "traders";
        case Role::PortfolioManager: return "portfolio managers";
        case Role::ComplianceOfficer: return "compliance officers";
        case Role::Administrator: return "administrators";
    }
    return "";
}

QString optionName(std::string_view name) { return QString::fromLatin1(name.data(), qsizetype(name.size())); }

}  // namespace

BatchStop stop(std::string reason) { return {std::move(reason), BadInput}; }

BatchStep awaitStored(BatchRun& run) {
    if (run.desk.engine().sync(std::chrono::seconds(30))) return {};
    return stop("the store did not record it: " + run.desk.store().failure().value_or("it did not answer in 30 seconds"));
}

bool Access::allows(Role role) const { return ob::allows(role, permission) || (orAdministrator && role == Role::Administrator); }

std::string Access::roles() const {
    std::vector<std::string_view> names;
    for (const auto& entry : EnumTable<Role>::entries)
        if (allows(entry.value)) names.push_back(plural(entry.value));
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i)
        text += std::string(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + std::string(names[i]);
    return text;
}

BatchAction withFileOption(BatchAction action, std::optional<std::filesystem::path> CommandLine::*field) {
    const auto name = action.options.front().name;
    action.read = [name, field](const OptionValues& given, CommandLine& into) {
        if (given.isSet(name)) into.*field = given.value(name);
        return Status{};
    };
    action.wanted = [field](const CommandLine& options) { return (options.*field).has_value(); };
    return action;
}

bool OptionValues::isSet(std::string_view name) const { return parser_.isSet(optionName(name)); }

QString OptionValues::text(std::string_view name) const { return parser_.value(optionName(name)); }

}  // namespace ob::app
