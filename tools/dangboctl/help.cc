#include "tools/dangboctl/help.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/text_width.h"

namespace dangbo::ctl {
namespace {

std::string Usage(const Command& command) {
  std::string usage = absl::StrCat("dangboctl ", CommandWords(command));
  if (!command.arguments.empty()) absl::StrAppend(&usage, " ", command.arguments);
  if (!command.options.empty()) absl::StrAppend(&usage, " [options]");
  return usage;
}

std::string OptionLines(const std::vector<OptionSpec>& options) {
  std::vector<std::pair<std::string, std::string>> lines;
  int width = 0;
  for (const OptionSpec& option : options) {
    std::string left = absl::StrCat("  --", option.name);
    if (!option.value_name.empty()) absl::StrAppend(&left, "=", option.value_name);
    if (option.kind == OptionKind::kList) absl::StrAppend(&left, ",...");
    width = std::max(width, DisplayWidth(left));
    lines.emplace_back(std::move(left), option.help);
  }
  std::string out;
  for (const auto& [left, help] : lines) {
    absl::StrAppend(&out, PadToWidth(left, width), "  ", help, "\n");
  }
  return out;
}

std::string CommandList(const CommandRegistry& registry, absl::string_view only_group) {
  std::vector<std::pair<std::string, std::string>> lines;
  int width = 0;
  for (const Command& command : registry.commands()) {
    if (!only_group.empty() && command.group != only_group) continue;
    std::string left = absl::StrCat("  ", CommandWords(command));
    if (!command.arguments.empty()) absl::StrAppend(&left, " ", command.arguments);
    width = std::max(width, DisplayWidth(left));
    lines.emplace_back(std::move(left), command.summary);
  }
  std::string out;
  for (const auto& [left, summary] : lines) {
    absl::StrAppend(&out, PadToWidth(left, width), "  ", summary, "\n");
  }
  return out;
}

}  // namespace

std::string GeneralHelp(const CommandRegistry& registry) {
  return absl::StrCat(
      "dangboctl: the command-line client of the dangbo services.\n\n"
      "usage: dangboctl [global options] <group> <verb> [arguments] [options]\n"
      "       dangboctl report --scope=ORGANIZATION --period=SPEC [options]\n"
      "       dangboctl help [<group> [<verb>]]\n\n"
      "commands:\n",
      CommandList(registry, ""),
      "\nglobal options (also from the environment as DANGBO_<NAME>, e.g. DANGBO_TOKEN_FILE;\n"
      "the command line wins):\n",
      OptionLines(GlobalOptionSpecs()),
      "\nResources may be named in full (organizations/5, members/42) or by id alone.\n"
      "Enum values are given by their short names in any case: --kind=grassroots_cell.\n"
      "Dates are YYYY-MM-DD.\n\n"
      "exit codes: 0 ok, 1 an RPC failed, 2 usage error, 3 some input rows were refused.\n");
}

std::string GroupHelp(const CommandRegistry& registry, absl::string_view group) {
  return absl::StrCat("commands of ", group, ":\n", CommandList(registry, group),
                      "\nMore: dangboctl help ", group, " <verb>\n");
}

std::string CommandHelp(const Command& command) {
  std::string out = absl::StrCat("usage: ", Usage(command), "\n\n", command.summary, "\n");
  if (!command.description.empty()) absl::StrAppend(&out, "\n", command.description, "\n");
  if (!command.options.empty()) {
    absl::StrAppend(&out, "\noptions:\n", OptionLines(command.options));
  }
  absl::StrAppend(&out, "\nGlobal options: dangboctl help\n");
  return out;
}

}  // namespace dangbo::ctl
