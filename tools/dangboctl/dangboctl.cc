#include "tools/dangboctl/dangboctl.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/dangboctl/commands.h"
#include "tools/dangboctl/help.h"

namespace dangbo::ctl {
namespace {

bool TakesValue(absl::string_view arg) {
  if (!absl::StartsWith(arg, "--") || absl::StrContains(arg, '=')) return false;
  std::string name(arg.substr(2));
  std::replace(name.begin(), name.end(), '-', '_');  // as ParseArgs reads it
  for (const OptionSpec& spec : GlobalOptionSpecs()) {
    if (name == spec.name) return spec.kind != OptionKind::kFlag;
  }
  return false;
}

// The group and verb are the first two words that are not global options (or their values);
// everything else is the command's.
struct Split {
  std::vector<std::string> words;
  std::vector<std::string> rest;
};

// A command of one word (`report`) takes no second word: what follows it is its own.
bool IsOneWordCommand(const CommandRegistry& registry, absl::string_view word) {
  return registry.Find(word, "") != nullptr;
}

Split SplitCommandWords(const CommandRegistry& registry, const std::vector<std::string>& args) {
  Split split;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const size_t wanted =
        !split.words.empty() && IsOneWordCommand(registry, split.words[0]) ? 1 : 2;
    if (split.words.size() < wanted && !absl::StartsWith(arg, "-")) {
      split.words.push_back(arg);
      continue;
    }
    split.rest.push_back(arg);
    if (TakesValue(arg) && i + 1 < args.size()) split.rest.push_back(args[++i]);
  }
  return split;
}

int Help(const CommandRegistry& registry, const std::vector<std::string>& words, std::ostream& out,
         std::ostream& err) {
  if (words.empty()) {
    out << GeneralHelp(registry);
    return kExitOk;
  }
  if (const Command* command = registry.Find(words[0], ""); command != nullptr) {
    out << CommandHelp(*command);
    return kExitOk;
  }
  if (words.size() >= 2) {
    if (const Command* command = registry.Find(words[0], words[1])) {
      out << CommandHelp(*command);
      return kExitOk;
    }
  }
  if (registry.HasGroup(words[0])) {
    out << GroupHelp(registry, words[0]);
    return kExitOk;
  }
  err << "usage error: no command \"" << words[0] << "\"; see dangboctl help\n";
  return kExitUsage;
}

const OptionSpec* FindOption(const std::vector<OptionSpec>& specs, absl::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// `args` without the options a command declares under a global option's name (report's
// --output is a file, the global --output a format), with their values, up to `--`.
std::vector<std::string> WithoutShadowed(const std::vector<std::string>& args,
                                         const std::vector<OptionSpec>& command_options) {
  std::vector<std::string> kept;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      kept.insert(kept.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    if (!absl::StartsWith(arg, "--")) {
      kept.push_back(arg);
      continue;
    }
    const absl::string_view body = absl::string_view(arg).substr(2);
    const size_t equals = body.find('=');
    std::string name(body.substr(0, equals));
    std::replace(name.begin(), name.end(), '-', '_');
    const OptionSpec* own = FindOption(command_options, name);
    if (own == nullptr || FindOption(GlobalOptionSpecs(), name) == nullptr) {
      kept.push_back(arg);
      continue;
    }
    if (equals == absl::string_view::npos && own->kind != OptionKind::kFlag) ++i;  // its value
  }
  return kept;
}

int RunCommand(const Command& command, const std::vector<std::string>& rest, std::ostream& out,
               std::ostream& err, const RunEnvironment& run_environment) {
  for (const std::string& arg : rest) {
    if (arg == "-h") {
      out << CommandHelp(command);
      return kExitOk;
    }
  }
  std::vector<OptionSpec> specs = command.options;
  for (const OptionSpec& global : GlobalOptionSpecs()) {
    if (FindOption(command.options, global.name) == nullptr) specs.push_back(global);
  }
  absl::StatusOr<ParsedArgs> args = ParseArgs(rest, specs);
  auto usage_error = [&](absl::string_view message) {
    err << "usage error: " << message << "\nusage: see dangboctl help " << CommandWords(command)
        << '\n';
    return kExitUsage;
  };
  if (!args.ok()) return usage_error(args.status().message());
  if (args->Has("help")) {
    out << CommandHelp(command);
    return kExitOk;
  }
  const int count = static_cast<int>(args->positional().size());
  if (count < command.min_arguments ||
      (command.max_arguments >= 0 && count > command.max_arguments)) {
    const std::string expected = command.arguments.empty() ? "no arguments" : command.arguments;
    return usage_error(absl::StrCat(count, " arguments given; expected ", expected));
  }
  // The shared options are resolved without those the command gives another meaning.
  absl::StatusOr<ParsedArgs> client_args = ParseArgs(WithoutShadowed(rest, command.options), specs);
  if (!client_args.ok()) return usage_error(client_args.status().message());
  absl::StatusOr<ClientOptions> options =
      ResolveClientOptions(*client_args, run_environment.environment);
  if (!options.ok()) return usage_error(options.status().message());

  CommandContext context(
      *args, *options,
      ServiceChannels{run_environment.membership_channel, run_environment.inspection_channel}, out,
      err);
  absl::Status status = command.run(context);
  out.flush();
  if (!status.ok()) PrintError(status, err);
  const int exit_code = ExitCodeOf(status);
  if (exit_code == kExitUsage) {
    err << "see dangboctl help " << CommandWords(command) << '\n';
  }
  return exit_code;
}

}  // namespace

CommandRegistry AllCommands() {
  CommandRegistry registry;
  RegisterOrganizationCommands(registry);
  RegisterMemberCommands(registry);
  RegisterImportCommand(registry);
  RegisterEventCommands(registry);
  RegisterDueCommands(registry);
  RegisterRatingCommands(registry);
  RegisterBadgeCommands(registry);
  RegisterChangeCommands(registry);
  RegisterProgrammeCommands(registry);
  RegisterInspectionCommands(registry);
  RegisterInspectionWorkCommands(registry);
  RegisterInspectionImportCommand(registry);
  RegisterNoticeCommands(registry);
  RegisterDisciplineCommands(registry);
  RegisterAppealCommands(registry);
  RegisterRuleCommands(registry);
  RegisterOverdueCommands(registry);
  RegisterReportCommand(registry);
  return registry;
}

int RunDangboctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return RunDangboctl(args, out, err, RunEnvironment{});
}

int RunDangboctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const RunEnvironment& run_environment) {
  static const CommandRegistry* const kRegistry = new CommandRegistry(AllCommands());
  const CommandRegistry& registry = *kRegistry;
  if (args.empty()) {
    err << GeneralHelp(registry);
    return kExitUsage;
  }
  Split split = SplitCommandWords(registry, args);
  if (!split.words.empty() && split.words[0] == "help") {
    std::vector<std::string> topic(split.words.begin() + 1, split.words.end());
    for (const std::string& arg : split.rest) {
      if (!absl::StartsWith(arg, "-")) topic.push_back(arg);
    }
    return Help(registry, topic, out, err);
  }
  if (split.words.empty()) {
    for (const std::string& arg : split.rest) {
      if (arg == "--help" || arg == "-h") return Help(registry, {}, out, err);
    }
    err << "usage error: no command given; see dangboctl help\n";
    return kExitUsage;
  }
  if (!registry.HasGroup(split.words[0])) {
    err << "usage error: no command group \"" << split.words[0] << "\"; see dangboctl help\n";
    return kExitUsage;
  }
  const Command* command = registry.Find(split.words[0], "");
  if (command == nullptr && split.words.size() >= 2) {
    command = registry.Find(split.words[0], split.words[1]);
  }
  if (command == nullptr) {
    if (split.words.size() >= 2) {
      err << "usage error: \"" << split.words[0] << "\" has no command \"" << split.words[1]
          << "\"\n";
    }
    err << GroupHelp(registry, split.words[0]);
    return kExitUsage;
  }
  return RunCommand(*command, split.rest, out, err, run_environment);
}

}  // namespace dangbo::ctl
