#ifndef DANGBO_TOOLS_DANGBOCTL_COMMANDS_H_
#define DANGBO_TOOLS_DANGBOCTL_COMMANDS_H_

#include <string>

#include "tools/dangboctl/command.h"

namespace dangbo::ctl {

// One per command group, each in its own file.
void RegisterOrganizationCommands(CommandRegistry& registry);
void RegisterMemberCommands(CommandRegistry& registry);
void RegisterImportCommand(CommandRegistry& registry);
void RegisterEventCommands(CommandRegistry& registry);
void RegisterDueCommands(CommandRegistry& registry);
void RegisterRatingCommands(CommandRegistry& registry);
void RegisterBadgeCommands(CommandRegistry& registry);
void RegisterChangeCommands(CommandRegistry& registry);
// The inspection service's.
void RegisterProgrammeCommands(CommandRegistry& registry);
void RegisterInspectionCommands(CommandRegistry& registry);
void RegisterInspectionWorkCommands(CommandRegistry& registry);
void RegisterInspectionImportCommand(CommandRegistry& registry);
void RegisterNoticeCommands(CommandRegistry& registry);
void RegisterDisciplineCommands(CommandRegistry& registry);
void RegisterAppealCommands(CommandRegistry& registry);
void RegisterRuleCommands(CommandRegistry& registry);
void RegisterOverdueCommands(CommandRegistry& registry);
// The reporting service's: `dangboctl report`, a command of one word (its verb is empty).
void RegisterReportCommand(CommandRegistry& registry);

// "group verb", or the group alone for a command of one word.
inline std::string CommandWords(const Command& command) {
  return command.verb.empty() ? command.group : command.group + " " + command.verb;
}

// Every command dangboctl has.
CommandRegistry AllCommands();

}  // namespace dangbo::ctl

#endif  // DANGBO_TOOLS_DANGBOCTL_COMMANDS_H_
