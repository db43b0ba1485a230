#ifndef DANGBO_TOOLS_DANGBOCTL_HELP_H_
#define DANGBO_TOOLS_DANGBOCTL_HELP_H_

#include <string>

#include "absl/strings/string_view.h"
#include "tools/dangboctl/command.h"

namespace dangbo::ctl {

// Every group and command with its summary, the global options and the exit codes.
std::string GeneralHelp(const CommandRegistry& registry);

// The commands of one group.
std::string GroupHelp(const CommandRegistry& registry, absl::string_view group);

// Usage, description and options of one command.
std::string CommandHelp(const Command& command);

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_HELP_H_
