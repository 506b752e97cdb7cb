#pragma once

#include "batchaction.h"

#include <QString>

#include <string>
#include <string_view>

namespace ob::app {

/// What --help says before the options: the synopsis, the batch steps in their order with who may take them, and
/// what each does, all from the table of batch actions.
std::string helpDescription();

/// An option's line of --help, with the default data directory filled in.
QString helpForOption(const CommandOption& option, const QString& defaultDirectory);

/// The man page openblotter(1), in roff, from the same table: every option, the batch steps in their order, the exit
/// statuses. The build writes it with `openblotter --help-man`.
std::string manPage(std::string_view version);

}  // namespace ob::app
